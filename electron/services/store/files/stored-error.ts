import { z } from 'zod';
import { errorCodes, type CairnError } from '../../../../shared/errors';

/** A failure as a file keeps it: its code and parameters for the renderer's words, main's sentence for Details. */
export const storedErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
}) satisfies z.ZodType<CairnError>;
