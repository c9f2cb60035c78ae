import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from '@playwright/test';
import { settleDisk } from './bench-kit';

/**
 * What Chromium alone takes to send a dropped file over loopback: a page of its own sends it, as the
 * browser harness does (an XMLHttpRequest with the File as its body), to a server that discards it,
 * timed from the page's drop event until the server has read the last byte. A drop's bytes make this
 * trip before Kubo can finish; it is the floor under files.drop_20mib_browser that no code of Cairn's
 * runs in.
 */
export interface UploadFloor {
  /** Seconds from the drop of the file at `path` until its last byte has arrived. */
  time(path: string): Promise<number>;
  close(): Promise<void>;
}

const PAGE = `<!doctype html><title>Upload floor</title><body style="height:100vh">
<script>
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    const dropped = performance.timeOrigin + performance.now();
    const request = new XMLHttpRequest();
    request.open('POST', '/discard?dropped=' + dropped);
    window.answered = new Promise((resolve) => request.addEventListener('loadend', resolve));
    request.send(event.dataTransfer.files[0]);
  });
</script>`;

export async function openUploadFloor(browser: Browser): Promise<UploadFloor> {
  let arrived: ((seconds: number) => void) | undefined;
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
      return;
    }
    const dropped = Number(new URL(req.url ?? '', 'http://loopback').searchParams.get('dropped'));
    req.on('data', () => undefined);
    req.on('end', () => {
      arrived?.((performance.timeOrigin + performance.now() - dropped) / 1000);
      res.writeHead(204).end();
    });
  });
  await listen(server);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return {
    async time(path) {
      const seconds = new Promise<number>((resolve) => {
        arrived = resolve;
      });
      await dropFile(page, path);
      const took = await seconds;
      // The request is over on the page's side too before the next drop, and nothing is left to write.
      await page.evaluate('window.answered');
      await settleDisk();
      return took;
    },
    async close() {
      await page.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

/** Drops the file at `path` on the page, as Chromium's own drag does. */
export async function dropFile(page: Page, path: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [path], dragOperationsMask: 1 };
  const at = { x: 400, y: 400 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  }
  await cdp.detach();
}
