import { z } from 'zod';
import type { Settings } from '../settings';
import { settingsPatchSchema } from '../settings';
import type { Channel, EventName } from './channels';
import { MAX_INLINE_BYTES } from './limits';

/** Long operations carry an id chosen by the renderer, used for progress events and cancel. */
export const opIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an opId is 8 to 64 URL-safe characters');

const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !name.includes('/') && name !== '.' && name !== '..', 'a file name, not a path');

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

const empty = z.object({}).strict();

/** One zod schema per channel: main validates every request with it before any handler runs. */
export const requestSchemas = {
  'node.status': empty,
  'node.restart': empty,
  'files.add': z.object({ opId: opIdSchema, source: uploadSourceSchema }).strict(),
  'settings.get': empty,
  'settings.update': settingsPatchSchema,
  'clipboard.writeText': z.object({ text: z.string().max(1024 * 1024) }).strict(),
  'shell.openExternal': z.object({ url: z.string().max(8192) }).strict(),
} satisfies Record<Channel, z.ZodType>;

export type NodeState = 'starting' | 'running' | 'stopping' | 'stopped' | 'error';

export interface NodeStatus {
  state: NodeState;
  mode: 'embedded' | 'remote';
  offline: boolean;
  /** Set once the node answers. */
  info?: {
    peerId: string;
    kuboVersion: string;
    repoSizeBytes: number;
    apiUrl: string;
    /** The embedded node only: which binary runs, as which process. */
    binary?: { path: string; source: string; pid: number };
  };
  error?: { code: string; message: string };
}

export interface AddedFile {
  cid: string;
  name: string;
  size: number;
}

export interface Responses {
  'node.status': NodeStatus;
  'node.restart': NodeStatus;
  'files.add': AddedFile;
  'settings.get': Settings;
  'settings.update': Settings;
  'clipboard.writeText': null;
  'shell.openExternal': null;
}

export interface Events {
  'op.progress': { opId: string; bytes: number; totalBytes: number | null };
  'node.changed': NodeStatus;
}

export type RequestIn<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type RequestOut<C extends Channel> = z.output<(typeof requestSchemas)[C]>;

// Both maps must name exactly the channels and events of channels.ts.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const contractIsComplete: [Exactly<keyof Responses, Channel>, Exactly<keyof Events, EventName>] = [true, true];
