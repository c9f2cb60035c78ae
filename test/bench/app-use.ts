import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { fileRow } from '../harness/file-rows';
import { openAppSession, type AppSession } from './app-session';
import { alternate, median, randomFile, settleDisk, timed, timeRatio, type BenchResult } from './bench-kit';
import { cpuBetween, medianCpu, openAppCpuMeter, type AppCpu, type AppCpuMeter } from './process-cpu';
import { dropFile, openUploadFloor } from './upload-floor';

/**
 * What a person feels, in the whole app (embedded Kubo, bridge, renderer in Chromium):
 * files.drop_20mib_browser: a file dropped in the browser harness, whose bytes cross the bridge,
 * from the drop to its CID on screen, against a path upload of the same size by main; beside it,
 * the CPU each side cost the app's processes, and Chromium's alone to send the file.
 * app.idle_cpu: CPU of Cairn's processes (services and renderer) while Files shows 10,000 entries
 * and nothing happens, with Kubo's own beside it.
 * ui.longest_task_during_upload: the renderer's longest task (Chromium's long-task observer) while
 * a 1 GiB file and a 10,000-file folder are added to the folder on screen.
 */
export async function benchAppUse(
  binary: string,
  dir: string,
  quick: boolean,
  selected: (group: string) => boolean,
): Promise<BenchResult[]> {
  const session = await openAppSession(binary);
  try {
    const { page } = session;
    await page.goto(session.appUrl);
    await page.getByRole('status', { name: 'Node running' }).waitFor();
    const results: BenchResult[] = [];
    if (selected('app.drop')) results.push(await benchDrop(session, dir, quick));
    if (!selected('app.idle') && !selected('app.busy')) return results;
    const rows = quick ? 1000 : 10_000;
    await session.bigFolder('ten', rows);
    // Made behind the app's back (by the CLI): the open listing learns of it on Refresh.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await fileRow(page, 'ten').dblclick();
    await listed(page, 'Files in /ten', rows);
    if (selected('app.idle')) results.push(await benchIdle(session, quick, rows));
    if (selected('app.busy')) results.push(await benchBusy(session, dir, quick, rows));
    return results;
  } finally {
    await session.close();
  }
}

/** No request from the page for this long: what a landed upload set off is over. */
const QUIET_MS = 250;

async function benchDrop(session: AppSession, dir: string, quick: boolean): Promise<BenchResult> {
  const rounds = quick ? 1 : 5;
  const size = 20 * 1024 * 1024;
  const dropSeconds: number[] = [];
  const pathSeconds: number[] = [];
  const dropCpu: AppCpu[] = [];
  const pathCpu: AppCpu[] = [];
  const droppedFiles: string[] = [];
  const cpu = await openAppCpuMeter(session.browser, session.servicesPid, session.kuboPid);
  for (let round = 0; round < rounds; round++) {
    // Fresh bytes for each side, so that neither finds the other's blocks already stored.
    const dropped = join(dir, `dropped-${round}.bin`);
    droppedFiles.push(dropped);
    const byPath = join(dir, `by-path-${round}.bin`);
    await Promise.all([randomFile(dropped, size), randomFile(byPath, size)]);
    await settleDisk();
    await alternate(
      round,
      async () => {
        const before = await cpu.read();
        dropSeconds.push(await dropToCid(session.page, dropped, `dropped-${round}.bin`));
        dropCpu.push(cpuBetween(before, await cpu.read()));
        await appSettled(session.page, `dropped-${round}.bin`);
      },
      async () => {
        const before = await cpu.read();
        pathSeconds.push(await pathToCid(session, byPath, `by-path-${round}.bin`));
        pathCpu.push(cpuBetween(before, await cpu.read()));
        await appSettled(session.page, `by-path-${round}.bin`);
      },
    );
    await rm(byPath);
  }
  const floor = await uploadFloor(session, droppedFiles, cpu);
  await cpu.close();
  await Promise.all(droppedFiles.map((file) => rm(file)));
  return timeRatio(
    'files.drop_20mib_browser',
    { cairn: dropSeconds, baseline: pathSeconds },
    'a path upload of the same size by main',
    { better: 'lower', target: 2 },
    {
      bytes: size,
      // The floor under the drop, no code of Cairn's in it (see upload-floor.ts).
      chromium_upload_s: Number(median(floor.seconds).toFixed(3)),
      chromium_upload_rounds_s: floor.seconds.map((seconds) => seconds.toFixed(2)).join(' '),
      chromium_upload_cpu_ms: Number(median(floor.chromiumCpuMs).toFixed(0)),
      // What each side cost the machine's two cores, from just before it began until its CID showed.
      drop_cpu: medianCpu(dropCpu),
      path_cpu: medianCpu(pathCpu),
      measured:
        'until the CID shows in the upload row in Chromium, from the page’s drop event (drop) or from the enqueue in main (path); both clocks are the epoch in ms, performance.timeOrigin + performance.now()',
    },
  );
}

/**
 * Chromium's own upload of each dropped file (see upload-floor.ts), its time and the CPU Chromium's
 * processes spent on it, once the rounds are over: with
 * its page open beside the app's during the rounds, the first drop took twice as long (0.38 to 0.56 s
 * against 0.17 to 0.29 s).
 */
async function uploadFloor(
  session: AppSession,
  files: string[],
  cpu: AppCpuMeter,
): Promise<{ seconds: number[]; chromiumCpuMs: number[] }> {
  const floor = await openUploadFloor(session.browser);
  const [first] = files;
  // Untimed: a fresh page's first drop pays for its own start, as the app's first round does.
  if (first) await floor.time(first);
  const seconds: number[] = [];
  const chromiumCpuMs: number[] = [];
  for (const file of files) {
    const before = await cpu.read();
    seconds.push(await floor.time(file));
    chromiumCpuMs.push(cpuBetween(before, await cpu.read()).chromium);
  }
  await floor.close();
  return { seconds, chromiumCpuMs };
}

/**
 * Waits until what an upload sets off once it has landed is over: its folder listed again (spaced
 * up to a second after the last listing), pin status asked, its blocks written out. Otherwise the
 * next round's upload is timed while this one's tail runs beside it.
 */
async function appSettled(page: Page, name: string): Promise<void> {
  await fileRow(page, name).waitFor();
  await pageQuiet(page);
  await settleDisk();
}

/** Polled until the page has sent no request for QUIET_MS: no event says that it has stopped asking. */
async function pageQuiet(page: Page): Promise<void> {
  // Read and cleared each time: the page keeps only 250 entries.
  const quietMs = () =>
    page.evaluate<number>(`(() => {
      const ends = performance.getEntriesByType('resource').map((entry) => entry.responseEnd);
      performance.clearResourceTimings();
      window.cairnBenchLastRequest = Math.max(window.cairnBenchLastRequest ?? 0, ...ends);
      return performance.now() - window.cairnBenchLastRequest;
    })()`);
  while ((await quietMs()) < QUIET_MS) await new Promise((resolve) => setTimeout(resolve, QUIET_MS / 5));
}

/**
 * Arms the page to note when the CID of `name` shows in its upload row; the promise kept on window
 * resolves with the page's clock then, and with the drop event's time if a drop came first.
 * Kept on window, not returned: evaluate would wait for the promise before the upload even starts.
 */
async function watchForCid(page: Page, name: string): Promise<void> {
  await page.evaluate(`void (window.cairnBenchCid = new Promise((resolve, reject) => {
    const now = () => performance.timeOrigin + performance.now();
    let dropped = null;
    window.addEventListener('drop', () => { dropped = now(); }, { capture: true, once: true });
    setTimeout(() => reject(new Error('no CID for ${name}: ' + document.querySelector('main')?.textContent)), 120000);
    const cid = () => document.querySelector('[aria-label="CID of ${name}"]')?.textContent;
    const observer = new MutationObserver(() => {
      if (!cid()) return;
      observer.disconnect();
      resolve({ shown: now(), dropped });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }))`);
}

function cidShown(page: Page): Promise<{ shown: number; dropped: number | null }> {
  return page.evaluate('window.cairnBenchCid');
}

/** Drops the file from disk as Chromium's own drag does, and times, in the page, from its drop event until its CID shows. */
async function dropToCid(page: Page, path: string, name: string): Promise<number> {
  await watchForCid(page, name);
  // Timed from the page's own drop event: the DevTools round trips that make the drag are not the app's.
  await dropFile(page, path);
  const { shown, dropped } = await cidShown(page);
  if (dropped === null) throw new Error('the page saw no drop event');
  return (shown - dropped) / 1000;
}

/** A path upload by main, timed from its enqueue until the page shows its CID, as a drop is. */
async function pathToCid(session: AppSession, path: string, name: string): Promise<number> {
  await watchForCid(session.page, name);
  const { enqueuedAt } = await session.add({ kind: 'path', path }, '/');
  const { shown } = await cidShown(session.page);
  return (shown - enqueuedAt) / 1000;
}

async function benchIdle(session: AppSession, quick: boolean, rows: number): Promise<BenchResult> {
  const seconds = quick ? 20 : 300;
  const browserCdp = await session.browser.newBrowserCDPSession();
  const chromiumCpu = async (): Promise<ChromiumProcess[]> =>
    (await browserCdp.send('SystemInfo.getProcessInfo')).processInfo;
  // The window opens once the folder's opening is over (its listing, its pin states asked).
  await pageQuiet(session.page);
  // The garbage of what ran before (the listing, the benches before this one) is collected first in
  // both processes: V8 would otherwise collect it during the window, at no fixed time.
  await session.collectServicesGarbage();
  await session.cdp.send('HeapProfiler.collectGarbage');
  const services = await processCpuSeconds(session.servicesPid);
  const chromium = await chromiumCpu();
  const kubo = await processCpuSeconds(session.kuboPid);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const servicesSeconds = (await processCpuSeconds(session.servicesPid)) - services;
  const chromiumSeconds = cpuSince(chromium, await chromiumCpu());
  const kuboSeconds = (await processCpuSeconds(session.kuboPid)) - kubo;
  await browserCdp.detach();
  const rendererSeconds = chromiumSeconds.page;
  const percent = (cpu: number) => Number(((cpu / seconds) * 100).toFixed(3));
  return {
    name: quick ? 'app.idle_cpu_quick' : 'app.idle_cpu',
    value: percent(servicesSeconds + rendererSeconds),
    unit: '% of one core',
    better: 'lower',
    target: 0.5,
    detail: {
      seconds,
      services_pct: percent(servicesSeconds),
      renderer_pct: percent(rendererSeconds),
      kubo_pct: percent(kuboSeconds),
      chromium_browser_pct: percent(chromiumSeconds.browser),
      chromium_gpu_pct: percent(chromiumSeconds.gpu),
      chromium_own_renderers_pct: percent(chromiumSeconds.chromiumUi),
      measured:
        `Files open on a folder of ${rows.toLocaleString('en')} entries, node running, nothing else happening; ` +
        "services: the process holding the services and the test bridge (as Electron's main process holds them), its garbage and the page's collected just before; renderer: the page's " +
        "renderer process only; Chromium's browser and GPU processes and its own UI renderer beside, not in the value",
    },
  };
}

interface ChromiumProcess {
  type: string;
  id: number;
  cpuTime: number;
}

/** CPU seconds each kind of Chromium process used between two readings. */
function cpuSince(
  before: ChromiumProcess[],
  after: ChromiumProcess[],
): { page: number; chromiumUi: number; browser: number; gpu: number } {
  const used = { page: 0, chromiumUi: 0, browser: 0, gpu: 0 };
  for (const process of after) {
    const seconds = process.cpuTime - (before.find((earlier) => earlier.id === process.id)?.cpuTime ?? 0);
    if (process.type === 'renderer') used[servesPages(process.id) ? 'page' : 'chromiumUi'] += seconds;
    else if (process.type === 'browser') used.browser += seconds;
    else if (process.type === 'GPU') used.gpu += seconds;
  }
  return used;
}

/** False for the renderers headless Chromium runs for its own UI and extensions, which an Electron app has not. */
function servesPages(pid: number): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return !args.includes('--top-chrome-webui') && !args.includes('--extension-process');
  } catch {
    // Gone since: counted, rather than left out.
    return true;
  }
}

/** utime + stime of a process, from /proc. */
async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

async function benchBusy(session: AppSession, dir: string, quick: boolean, rows: number): Promise<BenchResult> {
  const bigFile = join(dir, 'busy.bin');
  const manyFiles = join(dir, 'busy-folder');
  const files = quick ? 1000 : 10_000;
  await randomFile(bigFile, quick ? 64 * 1024 * 1024 : 1024 * 1024 * 1024);
  await mkdir(manyFiles);
  for (let i = 0; i < files; i++) await writeFile(join(manyFiles, `${i}.json`), JSON.stringify({ busy: i }));
  await settleDisk();
  const { page } = session;
  await page.evaluate(`window.cairnBenchTasks = { longest: 0, count: 0 };
    window.cairnBenchNoteTasks = (tasks) => {
      for (const task of tasks) {
        window.cairnBenchTasks.count += 1;
        window.cairnBenchTasks.longest = Math.max(window.cairnBenchTasks.longest, task.duration);
      }
    };
    window.cairnBenchObserver = new PerformanceObserver((list) => window.cairnBenchNoteTasks(list.getEntries()));
    window.cairnBenchObserver.observe({ type: 'longtask' });`);
  const seconds = await timed(() =>
    Promise.all([
      session.add({ kind: 'path', path: bigFile }, '/ten'),
      session.add({ kind: 'path', path: manyFiles }, '/ten'),
    ]),
  );
  // Until the list on screen has taken in both new entries.
  await listed(page, 'Files in /ten', rows + 2);
  // Entries not yet handed to the observer's callback (the last render's, say) are taken first.
  const tasks = await page.evaluate<{ longest: number; count: number }>(`(() => {
    window.cairnBenchNoteTasks(window.cairnBenchObserver.takeRecords());
    window.cairnBenchObserver.disconnect();
    return window.cairnBenchTasks;
  })()`);
  await Promise.all([rm(bigFile), rm(manyFiles, { recursive: true })]);
  return {
    name: quick ? 'ui.longest_task_during_upload_quick' : 'ui.longest_task_during_upload',
    value: Math.round(tasks.longest),
    unit: 'ms',
    better: 'lower',
    target: 100,
    detail: {
      long_tasks: tasks.count,
      upload_s: Number(seconds.toFixed(2)),
      rows_on_screen: rows,
      measured: 'longest PerformanceObserver longtask entry while a large file and a folder of small files upload',
    },
  };
}

/** Waits until the listing on screen says it holds `count` entries. */
async function listed(page: Page, grid: string, count: number): Promise<void> {
  await page.getByRole('grid', { name: grid }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`^${count.toLocaleString('en')} items$`) })
    .waitFor({ timeout: 600_000 });
}
