import { z } from 'zod';
import { MAX_MIN_REPUBLISH_SECONDS, type Binding } from '../../../../shared/ipc/contract';
import { listFile, recordFile } from '../file-spec';
import { storedDateText } from './stored-times';

const bindingSchema = z.object({
  keyId: z.string().min(1),
  keyName: z.string(),
  mfsPath: z.string(),
  // Bounded as the user's choice is: one past any date made every poll throw.
  minIntervalSeconds: z.number().min(0).max(MAX_MIN_REPUBLISH_SECONDS),
  state: z.enum(['up-to-date', 'pending', 'failed']),
  folderCid: z.string().optional(),
  publishedCid: z.string().optional(),
  lastPublishedAt: storedDateText.optional(),
  error: z.string().optional(),
  dueAt: storedDateText.optional(),
}) satisfies z.ZodType<Binding>;

/** Files folders bound to keys, republished when they change. */
export const bindingsFile = listFile({
  name: 'ipns-bindings.json',
  version: 1,
  key: 'bindings',
  entry: bindingSchema,
  keyOf: (binding) => binding.keyId,
});

const publishEntrySchema = z.object({
  value: z.string(),
  publishedAt: storedDateText,
  validUntil: z.string(),
  reachedNetwork: z.boolean(),
});

export type PublishEntry = z.infer<typeof publishEntrySchema>;

/** What Cairn published under each name, and when (a record holds its expiry, not its publish time). */
export const publishLogFile = recordFile({
  name: 'ipns-published.json',
  version: 1,
  key: 'byName',
  entry: publishEntrySchema,
});
