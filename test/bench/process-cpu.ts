import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, CDPSession } from '@playwright/test';
import { median } from './bench-kit';

/** CPU time so far, in ms, of each part of the app: the services' process, Kubo, and all of Chromium's processes. */
export interface AppCpu {
  services: number;
  kubo: number;
  chromium: number;
}

export interface AppCpuMeter {
  read(): Promise<AppCpu>;
  close(): Promise<void>;
}

/**
 * Reads the CPU time of the app's processes from the scheduler's own count, in nanoseconds per
 * thread (/proc/<pid>/task/<tid>/schedstat): /proc/<pid>/stat counts in 10 ms ticks, as coarse as
 * a whole drop's share of some processes. Chromium's processes are those its DevTools name.
 */
export async function openAppCpuMeter(browser: Browser, servicesPid: number, kuboPid: number): Promise<AppCpuMeter> {
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  return {
    async read() {
      const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
      const chromium = (processInfo as { id: number }[]).reduce((sum, { id }) => sum + threadsCpuMs(id), 0);
      return { services: threadsCpuMs(servicesPid), kubo: threadsCpuMs(kuboPid), chromium };
    },
    close: () => cdp.detach(),
  };
}

export function cpuBetween(before: AppCpu, after: AppCpu): AppCpu {
  return {
    services: after.services - before.services,
    kubo: after.kubo - before.kubo,
    chromium: after.chromium - before.chromium,
  };
}

/** The median of each part over rounds, as one line: "services 75 · kubo 62 · chromium 140 (ms)". */
export function medianCpu(rounds: AppCpu[]): string {
  const part = (key: keyof AppCpu) => `${key} ${median(rounds.map((round) => round[key])).toFixed(0)}`;
  return `${part('services')} · ${part('kubo')} · ${part('chromium')} (ms)`;
}

/** A thread that ended since is not counted: over a window of a second, the app's threads live on. */
function threadsCpuMs(pid: number): number {
  let nanoseconds = 0;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  for (const task of tasks) {
    try {
      nanoseconds += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // Ended between the listing and the read.
    }
  }
  return nanoseconds / 1e6;
}
