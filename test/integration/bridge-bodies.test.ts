import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_BUDGET_BYTES, MAX_WAITING_BODIES } from '../../electron/bridge/server';
import { MAX_INLINE_BYTES } from '../../shared/ipc/limits';
import { encodeRequest } from '../../shared/ipc/wire';
import type { BridgeChildConfig, BridgeChildMemory } from '../harness/bridge-child';
import { startKubo, type TestKubo } from '../harness/kubo';
import { defaultUploadOptions } from '../harness/uploads';

const MiB = 1024 * 1024;
const CHILD = fileURLToPath(new URL('../harness/bridge-child.ts', import.meta.url));

interface Answer {
  status: number;
  retryAfter?: string;
  text: string;
}

/** A POST whose headers leave at once; its body follows when the test gives it. */
function open(origin: string, path: string, headers: Record<string, string>): ClientRequest {
  const req = request(`${origin}${path}`, { method: 'POST', headers });
  req.on('error', () => undefined);
  req.flushHeaders();
  return req;
}

function answerOf(req: ClientRequest): Promise<Answer> {
  return new Promise((resolve) => {
    req.once('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], text }));
    });
  });
}

/** An upload of `size` bytes that validation refuses (the folder is no MFS path): only its body costs. */
async function refusedDrop(size: number): Promise<Buffer> {
  const data = Buffer.alloc(size, 7);
  const blob = encodeRequest({
    folder: 'no slash',
    sources: [{ kind: 'bytes', name: 'big.bin', data }],
    options: defaultUploadOptions,
  });
  return Buffer.from(await blob.arrayBuffer());
}

const isRefusedByValidation = (answer: Answer) =>
  answer.status === 200 && (JSON.parse(answer.text) as { error?: { code: string } }).error?.code === 'VALIDATION';

// The real bridge, in a process of its own so that its memory is measured alone, over a real Kubo.
describe('the bridge under parallel large bodies', () => {
  let node: TestKubo;
  let dataDir: string;
  let child: ChildProcessByStdio<Writable, Readable, null>;
  let lines: Interface;
  let origin: string;
  let auth: Record<string, string>;
  let drop: Buffer;

  const nextLine = async <T>() => JSON.parse(((await once(lines, 'line')) as [string])[0]) as T;
  const post = (req: ClientRequest, body: Buffer | string) => {
    const answer = answerOf(req);
    req.end(body);
    return answer;
  };
  const postDrop = () =>
    post(open(origin, '/__cairn/invoke/uploads.enqueue', { ...auth, 'Content-Length': String(drop.length) }), drop);

  beforeAll(async () => {
    node = await startKubo();
    dataDir = await mkdtemp(join(tmpdir(), 'cairn-bridge-bodies-'));
    const config: BridgeChildConfig = { dataDir, kuboApi: node.apiUrl };
    child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    lines = createInterface({ input: child.stdout });
    const ready = await nextLine<{ origin: string; token: string }>();
    origin = ready.origin;
    auth = { Host: new URL(origin).host, Origin: origin, Authorization: `Bearer ${ready.token}` };
    drop = await refusedDrop(MAX_INLINE_BYTES);
  });
  afterAll(async () => {
    child.kill();
    await once(child, 'exit');
    await node.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 16 parallel 64 MiB posts, its memory growing by a few bodies, not sixteen', async () => {
    child.stdin.write('memory\n');
    const before = await nextLine<BridgeChildMemory>();
    const answers = await Promise.all(Array.from({ length: 16 }, postDrop));
    expect(answers.every(isRefusedByValidation)).toBe(true);
    child.stdin.write('memory\n');
    const after = await nextLine<BridgeChildMemory>();
    const growth = after.peakRss - before.rss;
    console.log(`bridge peak RSS growth over 16 parallel 64 MiB posts: ${Math.round(growth / MiB)} MiB`);
    // Sixteen bodies held at once would be 1 GiB, twice that with the copy each is joined into.
    expect(growth).toBeLessThan(512 * MiB);
  });

  it('lets small calls through while large bodies wait, refuses past the line, and frees the budget when callers go', async () => {
    // Two bodies announced and never sent fill the budget but for 2 MiB; their bytes never come.
    const filling = String((BODY_BUDGET_BYTES - 2 * MiB) / 2);
    const stalled = [0, 1].map(() =>
      open(origin, '/__cairn/invoke/uploads.enqueue', { ...auth, 'Content-Length': filling }),
    );
    // Once a small call has been answered, the server has seen both.
    const first = open(origin, '/__cairn/invoke/node.status', { ...auth, 'Content-Length': '2' });
    expect((await post(first, '{}')).status).toBe(200);

    // 3 MiB posts do not fit: MAX_WAITING_BODIES wait in line (bodies sent, unread), the next is refused.
    const small = await refusedDrop(3 * MiB);
    const waiting = Array.from({ length: MAX_WAITING_BODIES + 1 }, () =>
      post(open(origin, '/__cairn/invoke/uploads.enqueue', { ...auth, 'Content-Length': String(small.length) }), small),
    );
    const refused = await Promise.race(waiting);
    expect(refused).toEqual({
      status: 503,
      retryAfter: '1',
      text: 'The bridge is busy: too many large requests at once. Try again in a moment.',
    });
    // A small call still fits beside them.
    const second = open(origin, '/__cairn/invoke/node.status', { ...auth, 'Content-Length': '2' });
    expect((await post(second, '{}')).status).toBe(200);

    // The stalled callers go away: their share is freed, and every waiting post is read and answered.
    for (const req of stalled) req.destroy();
    const answers = await Promise.all(waiting);
    expect(answers.filter((answer) => answer.status === 503)).toHaveLength(1);
    expect(answers.filter(isRefusedByValidation)).toHaveLength(MAX_WAITING_BODIES);
  });
});
