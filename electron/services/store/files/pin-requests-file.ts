import { z } from 'zod';
import type { PinRequest } from '../../../../shared/ipc/contract';
import { pinStatuses } from '../../../../shared/pins/presets';
import { listFile } from '../file-spec';
import { storedInstant as instant } from './stored-times';
import { storedErrorSchema } from './stored-error';

// Times and the count of errors in a row are bounded as Cairn writes them: a count of 1e300 or a
// check due in a year no date holds leaves the request out (and the file aside), never unchecked.
const pinRequestSchema = z.object({
  id: z.string().min(1),
  cid: z.string().min(1),
  serviceId: z.string().min(1),
  name: z.string(),
  meta: z.record(z.string(), z.string()),
  origins: z.array(z.string()),
  via: z.enum(['cairn', 'kubo']),
  status: z.enum(pinStatuses),
  requestId: z.string().nullable(),
  reason: z.string().nullable(),
  failure: storedErrorSchema.nullable(),
  problem: storedErrorSchema.nullable(),
  // Recomputed at every start; absent from files written before it existed.
  stale: z.boolean().default(false),
  createdAt: instant,
  updatedAt: instant,
  nextCheckAt: instant.nullable(),
  errors: z.number().int().nonnegative(),
}) satisfies z.ZodType<PinRequest>;

/**
 * Every remote pin request until its service says pinned or failed. Version 2 keeps Cairn's own
 * failures as a code with parameters (`failure`, `problem`); a version-1 sentence in `reason` stays
 * and still reads, and a version-1 `problem`, cleared at every start anyway, is dropped.
 */
export const pinRequestsFile = listFile({
  name: 'pin-requests.json',
  version: 2,
  key: 'requests',
  entry: pinRequestSchema,
  keyOf: (request) => request.id,
  migrations: {
    1: (old) => ({
      ...old,
      version: 2,
      requests: Array.isArray(old.requests)
        ? old.requests.map((request: unknown) =>
            typeof request === 'object' && request !== null ? { ...request, failure: null, problem: null } : request,
          )
        : old.requests,
    }),
  },
});
