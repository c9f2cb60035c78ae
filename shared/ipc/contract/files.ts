import { z } from 'zod';
import { MAX_INLINE_BYTES } from '../limits';
import { fileNameSchema, opIdSchema } from './common';

export const uploadSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      kind: z.literal('bytes'),
      name: fileNameSchema,
      data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_INLINE_BYTES, 'at most 64 MiB inline'),
    })
    .strict(),
]);

export type UploadSource = z.infer<typeof uploadSourceSchema>;

export const filesRequests = {
  'files.add': z.object({ opId: opIdSchema, source: uploadSourceSchema }).strict(),
};

export interface AddedFile {
  cid: string;
  name: string;
  size: number;
}

export interface FilesResponses {
  'files.add': AddedFile;
}
