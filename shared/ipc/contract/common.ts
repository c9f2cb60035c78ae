import { z } from 'zod';
import { diskNameProblem } from '../../disk-name';
import { headerValueProblem } from '../../header-value';
import { typedTextProblem } from '../../typed-text';

/** Long operations carry an id chosen by the renderer, used for progress events and cancel. */
export const opIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an opId is 8 to 64 URL-safe characters');

export const emptyRequest = z.object({}).strict();

/** A CID, `/ipfs/` path, `ipfs://` URL or gateway link as the user typed it; main parses it. */
export const contentTextSchema = z
  .string()
  .trim()
  .min(1, 'nothing was entered: paste a CID, a path or a link')
  .max(4096, 'this is too long for a CID, a path or a link: at most 4096 characters');

/** An IPNS name, DNSLink domain, `/ipns/` path or link to one; main refuses a CID or `/ipfs/` path. */
export const nameTextSchema = z
  .string()
  .trim()
  .min(1, 'nothing was entered: paste an IPNS name (k51…), a DNSLink domain or an ipns:// link')
  .max(4096, 'this is too long for a name or a link: at most 4096 characters');

/** An opaque grant main gave for a file or folder the user chose; the renderer never names a path on disk. */
export const grantSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a grant from a dialog or a drop');

/** A name that main will write to disk (staged inline uploads): the rules of both OSes. */
export const diskNameSchema = z.string().superRefine((name, context) => {
  const problem = diskNameProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** A check for text a person typed as a name: none of the characters that make it read as other text. */
export function shownAsTyped(what?: string) {
  return (text: string, context: z.RefinementCtx): void => {
    const problem = typedTextProblem(text, what);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  };
}

/** A check for a secret sent as a header value (a token, an API key): nothing a request cannot carry. */
export function sentInHeader(what: string) {
  return (text: string, context: z.RefinementCtx): void => {
    const problem = headerValueProblem(text, what);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  };
}
