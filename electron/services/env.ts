/**
 * Environment switches for tests, `dev:web` and power users. Read in one place so that every
 * service agrees on them.
 *   CAIRN_OFFLINE=1      embedded node offline and loopback-only (required on machines with no network)
 *   CAIRN_KUBO_API=URL   use the Kubo RPC at URL instead of starting the embedded node
 *   CAIRN_DATA_DIR=DIR   the app's data folder (settings, the embedded repo)
 *   KUBO_BINARY=PATH     the ipfs binary for the embedded node (checked to be Kubo; no fallback if not)
 *   CAIRN_KUBO_REPO=DIR  the embedded node's repo, unless one was chosen in Settings
 *   CAIRN_PIN_POLL_SCALE=N  multiplies the remote pin polling intervals (tests make it small)
 */
export interface EnvOverrides {
  offline: boolean;
  remoteApiUrl: string | null;
  dataDir: string | null;
  /** The embedded node's repo when none was chosen in main's dialog. */
  repoPath?: string;
  pinPollScale?: number;
}

export function readEnvOverrides(env: NodeJS.ProcessEnv = process.env): EnvOverrides {
  return {
    offline: env.CAIRN_OFFLINE === '1' || env.CAIRN_OFFLINE === 'true',
    remoteApiUrl: env.CAIRN_KUBO_API || null,
    dataDir: env.CAIRN_DATA_DIR || null,
    ...(env.CAIRN_KUBO_REPO ? { repoPath: env.CAIRN_KUBO_REPO } : {}),
    ...(Number(env.CAIRN_PIN_POLL_SCALE) > 0 ? { pinPollScale: Number(env.CAIRN_PIN_POLL_SCALE) } : {}),
  };
}
