import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log';
import { readJson, writeJsonAtomic } from '../settings/atomic-json';

const entrySchema = z.object({
  value: z.string(),
  publishedAt: z.string(),
  validUntil: z.string(),
  reachedNetwork: z.boolean(),
});
const fileSchema = z.object({ version: z.literal(1), byName: z.record(z.string(), entrySchema) });

export type PublishEntry = z.infer<typeof entrySchema>;

export interface PublishLog {
  get(name: string): PublishEntry | undefined;
  record(name: string, entry: PublishEntry): Promise<void>;
}

/**
 * What Cairn published under each name, and when: a record holds its expiry but not its publish
 * time, and an expired record looks to Kubo like no record at all, so this is how Cairn tells them apart.
 */
export async function openPublishLog(dataDir: string, log: Logger): Promise<PublishLog> {
  const file = join(dataDir, 'ipns-published.json');
  const parsed = fileSchema.safeParse((await readJson(file).catch(() => undefined)) ?? { version: 1, byName: {} });
  if (!parsed.success) log.warn(`${file} is not a publish log Cairn understands; starting a new one`);
  const byName = parsed.success ? parsed.data.byName : {};
  let writing = Promise.resolve();
  return {
    get: (name) => byName[name],
    record(name, entry) {
      byName[name] = entry;
      writing = writing.catch(() => undefined).then(() => writeJsonAtomic(file, { version: 1, byName }));
      return writing;
    },
  };
}
