import type { RemoteDetails } from '../../../shared/ipc/contract';
import type { BodyReader } from './body-reader';
import { nextCarSection } from './car-sections';

/** How much a CAR may send after the content before Cairn stops counting (it is read, never kept). */
const MAX_EXTRA_BYTES = 16 * 1024 * 1024;
/**
 * How long what follows the content may take to come. The verdict is known once the content is
 * verified: a gateway that then keeps its answer open, silent or trickling, must not hold it back
 * until the idle timeout. What an honest CAR still sends (its end) is already on the way.
 */
const EXTRA_WAIT_MS = 1_000;

/**
 * What a CAR sent after the last block the walk needed: whole sections (blocks not part of the
 * content) and bytes that are not a whole section (cut short or garbage). None of it is the
 * content, so none of it changes the verdict: it is counted for a note, read a section at a time,
 * for at most EXTRA_WAIT_MS and up to MAX_EXTRA_BYTES (past which it is "more than" what was counted).
 */
export async function extraAfterContent(
  car: BodyReader,
  blocksEnd: number | null,
  maxBlockBytes: number,
): Promise<RemoteDetails> {
  const start = car.at;
  let blocks = 0;
  let wholeEnd = start;
  const sections = async (): Promise<void> => {
    while (car.at - start <= MAX_EXTRA_BYTES) {
      // A CARv2's index follows its payload: expected, not extra.
      if ((await nextCarSection(car, maxBlockBytes, blocksEnd)) === null) return;
      blocks++;
      wholeEnd = car.at;
    }
  };
  // What follows the last whole section is not one: counted up to the cap, never read as a block.
  const rest = () => car.drain(MAX_EXTRA_BYTES - (car.at - start));
  await car.within(EXTRA_WAIT_MS, sections().catch(rest)).catch(() => undefined);
  const counted = car.at - start;
  return noteOf(blocks, wholeEnd - start, car.at - wholeEnd, counted > MAX_EXTRA_BYTES);
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
