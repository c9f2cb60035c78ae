/**
 * Environment switches for tests, `dev:web` and power users. Read in one place so that every
 * service agrees on them.
 *   CAIRN_OFFLINE=1      embedded node offline and loopback-only (required on machines with no network)
 *   CAIRN_KUBO_API=URL   use the Kubo RPC at URL instead of starting the embedded node
 *   CAIRN_DATA_DIR=DIR   the app's data folder (settings, the embedded repo)
 *   KUBO_BINARY=PATH     the ipfs binary for the embedded node
 *   CAIRN_PIN_POLL_SCALE=N  multiplies the remote pin polling intervals (tests make it small)
 */
export interface EnvOverrides {
  offline: boolean;
  remoteApiUrl: string | null;
  dataDir: string | null;
  pinPollScale?: number;
}

export function readEnvOverrides(env: NodeJS.ProcessEnv = process.env): EnvOverrides {
  return {
    offline: env.CAIRN_OFFLINE === '1' || env.CAIRN_OFFLINE === 'true',
    remoteApiUrl: env.CAIRN_KUBO_API || null,
    dataDir: env.CAIRN_DATA_DIR || null,
    ...(Number(env.CAIRN_PIN_POLL_SCALE) > 0 ? { pinPollScale: Number(env.CAIRN_PIN_POLL_SCALE) } : {}),
  };
}
