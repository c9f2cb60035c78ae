// The data folder lock taken by a process of its own, the way a second Cairn would. argv[2]: the
// folder. Prints "ready", then answers each line on stdin: "take" tries the lock and prints "held"
// or "refused <holder pid>"; "release" lets go of a lock it holds and prints "released". Exits, keeping
// what it holds, when stdin closes.
import { createInterface } from 'node:readline';
import { lockDataFolder, type DataFolderLock } from '../../electron/services/store/data-folder-lock';
import { AppError } from '../../shared/errors';

const dir = process.argv[2] ?? '';
const say = (line: string) => process.stdout.write(`${line}\n`);
let held: DataFolderLock | null = null;
say('ready');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'release') {
    await held?.release();
    held = null;
    say('released');
    continue;
  }
  try {
    held = await lockDataFolder(dir);
    say('held');
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'DATA_FOLDER_IN_USE')) throw error;
    say(`refused ${String(error.details?.pid)}`);
  }
}
