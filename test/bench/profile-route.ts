import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startKubo } from '../harness/kubo';
import { kuboAt, openTestUploads, type TestUploads } from '../harness/uploads';
import { alternate, randomFile, settleDisk, timed, timeRatio, type BenchResult } from './bench-kit';

const PROFILE = 'unixfs-v1-2025';

/**
 * files.add_profile_car: what building the DAG in Cairn and importing it as a CAR costs against a
 * plain `add`, for one folder uploaded with unixfs-v1-2025 through the whole queue. The plain side
 * is a node with the profile applied (Cairn sends `add`), the CAR side a node with Kubo's defaults
 * (which shard otherwise, so Cairn builds the DAG); fresh bytes each round for each side.
 */
export async function benchProfileRoute(dir: string, quick: boolean): Promise<BenchResult[]> {
  const ROUNDS = quick ? 1 : 5;
  const shape = quick
    ? { large: 4, largeBytes: 4 * 1024 * 1024, small: 200 }
    : { large: 4, largeBytes: 64 * 1024 * 1024, small: 2000 };
  const plainNode = await startKubo({ apply: [PROFILE] });
  const carNode = await startKubo();
  const plain = await openTestUploads(() => kuboAt(plainNode.apiUrl));
  const car = await openTestUploads(() => kuboAt(carNode.apiUrl));
  const carSeconds: number[] = [];
  const plainSeconds: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const forCar = join(dir, `profile-car-${round}`);
      const forPlain = join(dir, `profile-add-${round}`);
      await Promise.all([writeFolder(forCar, shape, round), writeFolder(forPlain, shape, round)]);
      await settleDisk();
      await alternate(
        round,
        async () => {
          await settleDisk();
          carSeconds.push(await timed(() => upload(car, forCar)));
        },
        async () => {
          await settleDisk();
          plainSeconds.push(await timed(() => upload(plain, forPlain)));
        },
      );
      await Promise.all([rm(forCar, { recursive: true }), rm(forPlain, { recursive: true })]);
    }
  } finally {
    await Promise.all([plain.close(), car.close()]);
    await Promise.all([plainNode.stop(), carNode.stop()]);
  }
  return [
    timeRatio(
      quick ? 'files.add_profile_car_quick' : 'files.add_profile_car',
      { cairn: carSeconds, baseline: plainSeconds },
      `Cairn's upload with add, on a node with ${PROFILE} applied`,
      { better: 'lower' },
      { profile: PROFILE, bytes: shape.large * shape.largeBytes, files: shape.large + shape.small },
    ),
  ];
}

async function writeFolder(
  folder: string,
  shape: { large: number; largeBytes: number; small: number },
  round: number,
): Promise<void> {
  await mkdir(folder);
  for (let i = 0; i < shape.large; i++) await randomFile(join(folder, `large-${i}.bin`), shape.largeBytes);
  for (let i = 0; i < shape.small; i++) {
    await writeFile(join(folder, `${i}.json`), JSON.stringify({ folder, round, name: `Token #${i}` }));
  }
}

async function upload(uploads: TestUploads, path: string): Promise<void> {
  const [id = ''] = await uploads.enqueue([{ kind: 'path', path }], { profile: PROFILE }, '/bench');
  const done = await uploads.settled(id, 600_000);
  if (done.state !== 'added') throw new Error(`bench upload ${done.state}: ${done.error?.message ?? ''}`);
}
