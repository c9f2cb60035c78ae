import type { Locator } from '@playwright/test';

/**
 * From now on, each text that the live regions matching `selector` inside `scope` hold, in the order a
 * screen reader would read them out, each once. Gives the function that reads what was recorded.
 */
export async function recordLiveWords(scope: Locator, selector: string): Promise<() => Promise<string[]>> {
  const said = await scope.evaluateHandle((element, matching) => {
    const words: string[] = [];
    const note = () => {
      for (const live of element.querySelectorAll(matching)) {
        const text = (live.textContent || '').trim();
        if (text && !words.includes(text)) words.push(text);
      }
    };
    new MutationObserver(note).observe(element, { subtree: true, childList: true, characterData: true });
    return words;
  }, selector);
  return () => said.jsonValue();
}

/** A count of bytes as the interface writes it (`0 B`, `488 KiB`, `1.5 GiB`). */
export const BYTE_COUNT = /\d(\.\d+)? ?(B|KiB|MiB|GiB|TiB)\b/;
