import { z } from 'zod';
import type { PinRequest } from '../../../../shared/ipc/contract';
import { pinStatuses } from '../../../../shared/pins/presets';
import { listFile } from '../file-spec';

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
  problem: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  nextCheckAt: z.number().nullable(),
  errors: z.number(),
}) satisfies z.ZodType<PinRequest>;

/** Every remote pin request until its service says pinned or failed. */
export const pinRequestsFile = listFile({
  name: 'pin-requests.json',
  version: 1,
  key: 'requests',
  entry: pinRequestSchema,
});
