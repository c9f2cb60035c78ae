import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startBridgeHost } from '../../electron/bridge/start-bridge-host';
import type { EventSink } from '../../electron/ipc/types';
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
          const started = Date.now();
          await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pins' }).click();
          await page.getByRole('list', { name: 'Local pins' }).getByRole('listitem').first().waitFor();
          firstRows.push(Date.now() - started);
          // "100,001 pins" once the listing is done (the node's own empty-folder pin included).
          await page
            .getByRole('status')
            .filter({ hasText: /^[\d,.\s]+ pins$/ })
            .waitFor({ timeout: 120_000 });
          allRows.push(Date.now() - started);
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
