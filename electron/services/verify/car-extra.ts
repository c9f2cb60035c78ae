import type { RemoteDetails } from '../../../shared/ipc/contract';
import type { BodyReader } from './body-reader';
import { nextCarSection } from './car-sections';

/** How much a CAR may send after the content before Cairn stops counting (it is read, never kept). */
const MAX_EXTRA_BYTES = 16 * 1024 * 1024;

/**
 * What a CAR sent after the last block the walk needed: whole sections (blocks not part of the
 * content) and bytes that are not a whole section (cut short or garbage). None of it is the
 * content, so none of it changes the verdict: it is counted for a note, read a section at a time.
 */
export async function extraAfterContent(
  car: BodyReader,
  blocksEnd: number | null,
  maxBlockBytes: number,
  timeoutMs: number,
): Promise<RemoteDetails> {
  const start = car.at;
  let blocks = 0;
  let wholeEnd = start;
  try {
    while (car.at - start <= MAX_EXTRA_BYTES) {
      const section = await car.within(timeoutMs, nextCarSection(car, maxBlockBytes, blocksEnd));
      // A CARv2's index follows its payload: expected, not extra.
      if (section === null) return noteOf(blocks, wholeEnd - start, 0, false);
      blocks++;
      wholeEnd = car.at;
    }
    return noteOf(blocks, wholeEnd - start, 0, true);
  } catch {
    // What follows the last whole section is not one: counted up to the cap, never read as a block.
    await car.within(timeoutMs, car.drain(MAX_EXTRA_BYTES - (car.at - start))).catch(() => undefined);
    return noteOf(blocks, wholeEnd - start, car.at - wholeEnd, car.at - start > MAX_EXTRA_BYTES);
  }
}

function noteOf(blocks: number, blockBytes: number, looseBytes: number, cut: boolean): RemoteDetails {
  if (blockBytes + looseBytes === 0) return {};
  return {
    extraBytes: blockBytes + looseBytes,
    ...(blocks > 0 ? { extraBlocks: blocks } : {}),
    ...(looseBytes > 0 ? { looseBytes } : {}),
    ...(cut ? { extraCut: true } : {}),
  };
}
