import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processStart } from '../../electron/services/process-alive';
import { LOCK_FILE, lockDataFolder } from '../../electron/services/store/data-folder-lock';
import { AppError } from '../../shared/errors';
import { fillDisk, mountSmallDisk, unmountSmallDisk } from '../harness/small-disk';

const CHILD = fileURLToPath(new URL('../harness/lock-child.ts', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lockFile = () => join(dir, LOCK_FILE);
const holderPid = async () => Number((await readFile(lockFile(), 'utf8')).split('\n')[0]);

/** The refusal a second start gets, or null when it took the lock. */
async function refusal(attempt: Promise<unknown>): Promise<AppError | null> {
  return attempt.then(
    () => null,
    (error: unknown) => {
      if (error instanceof AppError) return error;
      throw error;
    },
  );
}

/** The pid of a process that has ended. */
async function endedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid ?? 0;
}

/** A process taking the lock with the real module when told, the way a second Cairn would (see lock-child). */
async function lockProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = once(child, 'exit');
  const ask = async (line: string) => {
    child.stdin.write(`${line}\n`);
    return String((await lines.next()).value);
  };
  expect((await lines.next()).value).toBe('ready');
  return {
    pid: child.pid ?? 0,
    /** "held" or "refused <pid>". */
    take: () => ask('take'),
    release: () => ask('release'),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async end() {
      child.stdin.end();
      await exited;
    },
  };
}

describe('the data folder lock', () => {
  it('refuses a second start on the folder while the first holds it, naming the folder and the holder', async () => {
    const first = await lockDataFolder(dir);
    const second = await refusal(lockDataFolder(dir));
    expect(second?.code).toBe('DATA_FOLDER_IN_USE');
    expect(second?.details).toEqual({ path: dir, pid: process.pid });
    expect(second?.message).toContain(`process ${process.pid}`);
    expect(second?.message).toContain(dir);
    await first.release();
    expect(await readdir(dir)).toEqual([]);
    const third = await lockDataFolder(dir);
    expect(await holderPid()).toBe(process.pid);
    await third.release();
  });

  it('is refused to a process of its own while this one holds it, and taken by it once this one stops', async () => {
    const mine = await lockDataFolder(dir);
    const other = await lockProcess();
    try {
      expect(await other.take()).toBe(`refused ${process.pid}`);
    } finally {
      await other.end();
    }
    await mine.release();
    const next = await lockProcess();
    try {
      expect(await next.take()).toBe('held');
      expect(await holderPid()).toBe(next.pid);
    } finally {
      await next.end();
    }
  });

  it('takes over the lock of a holder killed with SIGKILL', async () => {
    const holder = await lockProcess();
    expect(await holder.take()).toBe('held');
    expect((await refusal(lockDataFolder(dir)))?.details?.pid).toBe(holder.pid);
    await holder.kill();
    const lock = await lockDataFolder(dir);
    expect(await holderPid()).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock naming a process that has ended, and one that names no process', async () => {
    await writeFile(lockFile(), `${await endedPid()}\n`);
    const lock = await lockDataFolder(dir);
    expect(await holderPid()).toBe(process.pid);
    await lock.release();
    await writeFile(lockFile(), '');
    await (await lockDataFolder(dir)).release();
  });

  it('sets aside a folder in the lock’s place, with what it holds, and takes the lock', async () => {
    await mkdir(lockFile());
    await writeFile(join(lockFile(), 'kept.txt'), 'kept');
    const lock = await lockDataFolder(dir);
    expect(await holderPid()).toBe(process.pid);
    const [aside] = (await readdir(dir)).filter((name) => name.startsWith(`${LOCK_FILE}.unreadable-`));
    expect(await readFile(join(dir, aside ?? '', 'kept.txt'), 'utf8')).toBe('kept');
    await lock.release();
  });

  it('on a disk too full to write it, is refused as a full disk, naming the lock file', async (context) => {
    const small = join(dir, 'small');
    const refused = await mountSmallDisk(small, '1m');
    if (refused) {
      console.log(`skipped: ${refused}`);
      context.skip();
    }
    try {
      await fillDisk(small);
      const error = await refusal(lockDataFolder(small));
      expect(error).toMatchObject({ code: 'DISK_FULL', details: { path: join(small, LOCK_FILE) } });
      expect(await readdir(small)).toEqual(['filler']);
    } finally {
      await unmountSmallDisk(small);
    }
  });

  it.skipIf(process.platform === 'win32')(
    'takes the lock where a named pipe stands in its place, without waiting for a writer',
    async () => {
      execFileSync('mkfifo', [lockFile()]);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 3000)));
      const taken = await Promise.race([lockDataFolder(dir), late]);
      clearTimeout(timer);
      if (taken === 'late') {
        // Lets go of a reader stuck on the pipe, so that the failure shows rather than a hung worker.
        await (await open(lockFile(), constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null))?.close();
      }
      expect(taken).not.toBe('late');
      expect(await holderPid()).toBe(process.pid);
      if (taken !== 'late') await taken.release();
    },
  );

  it.skipIf(process.platform === 'win32')('takes the lock where a socket stands in its place', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(lockFile(), resolve));
    try {
      const lock = await lockDataFolder(dir);
      expect(await holderPid()).toBe(process.pid);
      await lock.release();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('takes over a lock naming this very process that it did not take: left before a restart, when the pid came round again', async () => {
    await writeFile(lockFile(), `${process.pid}\n0123456789abcdef\n\n`);
    const lock = await lockDataFolder(dir);
    expect(await readFile(lockFile(), 'utf8')).not.toContain('0123456789abcdef');
    expect((await refusal(lockDataFolder(dir)))?.details?.pid).toBe(process.pid);
    await lock.release();
  });

  it.skipIf(process.platform !== 'linux')(
    'takes over a lock naming a live process that started at another time than its holder (Linux tells)',
    async () => {
      const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)']);
      const pid = other.pid ?? 0;
      try {
        const started = processStart(pid);
        expect(started).toMatch(/^[0-9a-f-]+:\d+$/);
        await writeFile(lockFile(), `${pid}\n0123456789abcdef\n${started ?? ''}\n`);
        expect((await refusal(lockDataFolder(dir)))?.details?.pid).toBe(pid);
        await writeFile(lockFile(), `${pid}\n0123456789abcdef\n${(started ?? '').replace(/:\d+$/, ':1')}\n`);
        const lock = await lockDataFolder(dir);
        expect(await holderPid()).toBe(process.pid);
        await lock.release();
      } finally {
        other.kill();
        await once(other, 'exit');
      }
    },
  );

  it('does not follow a symbolic link in the lock’s place: the file it points to is neither read nor changed', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'cairn-lock-target-'));
    try {
      // Followed, it would name a live process (this one) and refuse; replaced through, it would change.
      const target = join(elsewhere, 'target');
      await writeFile(target, `${process.pid}\n`);
      await symlink(target, lockFile());
      const lock = await lockDataFolder(dir);
      expect((await lstat(lockFile())).isSymbolicLink()).toBe(false);
      expect(await holderPid()).toBe(process.pid);
      expect(await readFile(target, 'utf8')).toBe(`${process.pid}\n`);
      await lock.release();
      expect(await readFile(target, 'utf8')).toBe(`${process.pid}\n`);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it.each([
    ['a free folder', null],
    ['a lock whose holder has ended', 'ended'],
  ])('lets exactly one of several starts at once take %s', async (_, left) => {
    if (left) await writeFile(lockFile(), `${await endedPid()}\n`);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataFolder(dir)));
    const held = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(held).toHaveLength(1);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect((outcome.reason as AppError).code).toBe('DATA_FOLDER_IN_USE');
    await held[0]?.value.release();
  });

  it('lets exactly one of several processes at once take over a lock whose holder has ended, round after round', async () => {
    const racers = await Promise.all(Array.from({ length: 4 }, () => lockProcess()));
    const pids = racers.map((racer) => racer.pid);
    const ended = await endedPid();
    try {
      for (let round = 0; round < 40; round++) {
        await writeFile(lockFile(), `${ended}\n`);
        const said = await Promise.all(racers.map((racer) => racer.take()));
        const winners = racers.filter((_, i) => said[i] === 'held');
        expect(winners).toHaveLength(1);
        expect(await holderPid()).toBe(winners[0]?.pid);
        // Each refusal names a racer: the winner, or one that was taking the lock over at that moment.
        for (const words of said.filter((words) => words !== 'held'))
          expect(pids).toContain(Number(/^refused (\d+)$/.exec(words)?.[1]));
        // Nothing of the takeover is left beside the lock.
        expect(await readdir(dir)).toEqual([LOCK_FILE]);
        await winners[0]?.release();
      }
    } finally {
      await Promise.all(racers.map((racer) => racer.end()));
    }
    // Four processes starting tsx at once take seconds on a busy machine.
  }, 30_000);
});
