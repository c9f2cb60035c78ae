/** How often a start is tried again after losing a port to another program. */
export const PORT_RACE_ATTEMPTS = 3;

/** Kubo's words when a port it was told to listen on is already held (Linux and macOS, Windows). */
const PORT_TAKEN = /address already in use|only one usage of each socket address/i;

export function saysPortTaken(error: unknown): boolean {
  return error instanceof Error && PORT_TAKEN.test(error.message);
}

/**
 * A port that was free when checked can be taken before the daemon binds it (another program
 * starting at the same moment). Then `attempt` runs again, where the check moves it off that port,
 * a bounded number of times; any other failure ends it at once.
 */
export async function retryWhenPortTaken<T>(attempt: () => Promise<T>, attempts = PORT_RACE_ATTEMPTS): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= attempts || !saysPortTaken(error)) throw error;
    }
  }
}
