import { CarBlockIterator } from '@ipld/car';
import { createReadStream } from 'node:fs';
import { AppError } from '../../../shared/errors';

/** The roots a CAR file's header names (CARv1 or v2), read from its first bytes only. */
export async function carRoots(path: string): Promise<string[]> {
  const stream = createReadStream(path);
  try {
    const car = await CarBlockIterator.fromIterable(stream);
    return (await car.getRoots()).map((root) => root.toString());
  } catch (error) {
    throw new AppError(
      'VALIDATION',
      `${path} has no CAR header: is it a CAR file?`,
      { path, problem: 'not-a-car' },
      { cause: error },
    );
  } finally {
    stream.destroy();
  }
}
