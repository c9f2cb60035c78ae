import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startBridgeHost } from '../../electron/bridge/start-bridge-host';
import type { EventSink } from '../../electron/ipc/types';
import { removeAtExit } from '../harness/at-exit';
import { startKubo } from '../harness/kubo';
import { pinMany } from '../harness/many-pins';
import { chromiumLaunchOptions } from '../harness/chromium';
import { heapAfterGcMb } from './app-session';
import { alternate, median, timed, timeRatio, type BenchResult } from './bench-kit';

/**
 * pins.ls_100k: every local pin through Cairn (the `pins.listLocal` handler, streamed in batches to
 * an event sink, as a renderer gets them) against `ipfs pin ls --type=recursive` on the same node.
 * pins.list_100k_first_rows: the Pins view in Chromium, from opening it to the first rows on screen.
 * The node's repo is on a RAM disk only so that making 100,000 pins takes seconds, not minutes.
 */
export async function benchPins(quick: boolean): Promise<BenchResult[]> {
  const rendererDir = join(import.meta.dirname, '../../out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('pins.list_100k_first_rows needs the built renderer: run `npx electron-vite build` first.');
  }
  const count = quick ? 10_000 : 100_000;
  const rounds = quick ? 2 : 5;
  const node = await startKubo({ inMemory: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-bench-pins-'));
  removeAtExit(dataDir);
  try {
    await pinMany(node, count, 'bench');
    const app = await startBridgeHost({
      dataDir,
      env: { offline: true, remoteApiUrl: node.apiUrl, dataDir },
      rendererDir,
    });
    try {
      await app.host.services.node.start();
      const cairnSeconds: number[] = [];
      const cliSeconds: number[] = [];
      let listed = 0;
      for (let round = 0; round < rounds; round++) {
        const cairn = async () => {
          let received = 0;
          const sink: EventSink = {
            send: (event, payload) => {
              if (event === 'pins.localBatch') received += (payload as { pins: unknown[] }).pins.length;
            },
          };
          cairnSeconds.push(
            await timed(() => app.host.dispatcher.dispatch('pins.listLocal', { opId: `bench-ls-${round}` }, sink)),
          );
          listed = received;
        };
        const cli = async () => {
          cliSeconds.push(await timed(() => node.ipfs('pin', 'ls', '--type=recursive')));
        };
        await alternate(round, cairn, cli);
      }
      if (listed < count) throw new Error(`Cairn listed ${listed} pins of ${count}`);

      const firstRows: number[] = [];
      const allRows: number[] = [];
      const heapMb: number[] = [];
      const browser = await chromium.launch(chromiumLaunchOptions);
      try {
        for (let round = 0; round < rounds; round++) {
          const page = await browser.newPage();
          await page.goto(app.bridge.appUrl);
          await page.getByRole('status', { name: 'Node running' }).waitFor();
          const timings = await timePinsInPage(page);
          // The second pass (pin names) is let finish, so that it does not load the node in the next round.
          const named = page.waitForResponse((response) => response.url().endsWith('/invoke/pins.localNames'), {
            timeout: 300_000,
          });
          await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pins' }).click();
          const { first, all } = await timings();
          firstRows.push(first);
          allRows.push(all);
          await named;
          heapMb.push(await heapAfterGcMb(await page.context().newCDPSession(page)));
          await page.close();
        }
      } finally {
        await browser.close();
      }

      const size = quick ? '10k_quick' : '100k';
      return [
        timeRatio(
          `pins.ls_${size}`,
          { cairn: cairnSeconds, baseline: cliSeconds },
          'ipfs pin ls --type=recursive',
          { better: 'higher', target: 0.8 },
          { pins: count },
        ),
        {
          name: `pins.list_${size}_first_rows`,
          value: median(firstRows),
          unit: 'ms',
          better: 'lower',
          target: 1000,
          detail: {
            all_rows_ms: median(allRows),
            pins: count,
            rounds,
            heap_mb: Math.round(median(heapMb)),
            heap_measured: "the page's used JS heap after a full GC, every pin listed",
            measured: 'in the page, from the click on Pins to the first row and to every pin listed',
          },
        },
      ];
    } finally {
      await app.stop();
    }
  } finally {
    await node.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Times, in the page, from the click that opens Pins to the first row on screen and to "N pins"
 * (every pin listed). A locator's wait would poll from the bench's process, 500 ms apart after the
 * first few tries and later still while that process (which runs the services too) is busy, and
 * report the poll that saw the row rather than when it came.
 */
async function timePinsInPage(page: Page): Promise<() => Promise<{ first: number; all: number }>> {
  await page.evaluate(`void (window.cairnBenchPins = new Promise((resolve) => {
    const marks = {};
    window.addEventListener('click', () => { marks.started = performance.now(); }, { capture: true, once: true });
    const seen = () => {
      if (marks.started === undefined) return;
      const now = performance.now() - marks.started;
      if (marks.first === undefined && document.querySelector('[aria-label="Local pins"] li')) marks.first = now;
      const statuses = [...document.querySelectorAll('[role="status"]')].map((status) => status.textContent);
      if (marks.first !== undefined && statuses.some((text) => /^[\\d,.\\s]+ pins$/.test(text))) {
        observer.disconnect();
        resolve({ first: Math.round(marks.first), all: Math.round(now) });
      }
    };
    const observer = new MutationObserver(seen);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }))`);
  return () => page.evaluate<{ first: number; all: number }>('window.cairnBenchPins');
}
