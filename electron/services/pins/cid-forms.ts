import { base32 } from 'multiformats/bases/base32';
import { contentKey } from '../keep/content-key';
import { parseCid } from '../../../shared/links/content-ref';

/** A service's CID names the content asked for, in any CID form of it (a service may keep CIDv1 for CIDv0). */
export function sameContent(asked: string, answered: string): boolean {
  if (asked === answered) return true;
  const key = contentKey(asked);
  return key !== null && key === contentKey(answered);
}

/**
 * The CID as given, with its CIDv1 in base32 and, when it has one, its CIDv0: the forms a service may
 * keep and filter it by, all asked for when looking a pin up by CID.
 */
export function cidForms(cid: string): string[] {
  try {
    const parsed = parseCid(cid);
    const forms = [cid, parsed.toV1().toString(base32)];
    if (parsed.code === 0x70 && parsed.multihash.code === 0x12 && parsed.multihash.size === 32)
      forms.push(parsed.toV0().toString());
    return [...new Set(forms)];
  } catch {
    return [cid];
  }
}
