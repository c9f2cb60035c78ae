import { describe, expect, it } from 'vitest';
import { wordsFor } from '../../renderer/app/failure-words';
import { refusalCode } from '../../renderer/bridge/refusal-code';

describe("the browser bridge's refusals, as the renderer names them", () => {
  it('a full line of large requests (503) is busy for now, in plain words, not a refusal of this window', () => {
    const words = wordsFor({ code: refusalCode(503), message: 'The bridge refused the request: busy' });
    expect(words.reason).toBe('Cairn is still receiving other files: try again in a moment.');
    expect(words.mustAct).toBe(false);
    expect(words.details).toContain('busy');
  });

  it('a body over the limit (413) is refused as what was sent, anything else as forbidden', () => {
    expect(refusalCode(413)).toBe('VALIDATION');
    expect(refusalCode(403)).toBe('FORBIDDEN');
  });
});
