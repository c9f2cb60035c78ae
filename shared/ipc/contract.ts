import type { z } from 'zod';
import type { Channel, EventName } from './channels';
import { appRequests, type AppEvents, type AppResponses } from './contract/app';
import { filesRequests, type FilesEvents, type FilesResponses } from './contract/files';
import { uploadsRequests, type UploadsEvents, type UploadsResponses } from './contract/uploads';
import { keepRequests, type KeepEvents, type KeepResponses } from './contract/keep';
import { ipnsRequests, type IpnsEvents, type IpnsResponses } from './contract/ipns';
import { nodeRequests, type NodeEvents, type NodeResponses } from './contract/node';
import { pinsRequests, type PinsEvents, type PinsResponses } from './contract/pins';
import { shareRequests, type ShareResponses } from './contract/share';
import { verifyRequests, type VerifyEvents, type VerifyResponses } from './contract/verify';

// One file per feature under contract/; this one puts them together and checks them against channels.ts.
export * from './contract/app';
export * from './contract/common';
export * from './contract/files';
export * from './contract/uploads';
export * from './contract/ipns';
export * from './contract/keep';
export * from './contract/node';
export * from './contract/pins';
export * from './contract/share';
export * from './contract/verify';

/** One zod schema per channel: main validates every request with it before any handler runs. */
export const requestSchemas = {
  ...nodeRequests,
  ...filesRequests,
  ...uploadsRequests,
  ...shareRequests,
  ...verifyRequests,
  ...ipnsRequests,
  ...pinsRequests,
  ...keepRequests,
  ...appRequests,
} satisfies Record<Channel, z.ZodType>;

export type Responses = NodeResponses &
  FilesResponses &
  UploadsResponses &
  ShareResponses &
  VerifyResponses &
  IpnsResponses &
  PinsResponses &
  KeepResponses &
  AppResponses;

export interface OpProgress {
  opId: string;
  bytes: number;
  totalBytes: number | null;
  /**
   * What the bytes count, when not the operation's usual work: `node-copy` is a local verification
   * comparing the disk with the node's copy of the CID, after no import settings tried gave it.
   */
  stage?: 'node-copy';
  /**
   * For a local verification: the import settings whose CID is being computed, the `at`-th of the
   * `of` it tries. Each reads the whole input again, so the bytes start over at each.
   */
  attempt?: { name: string; at: number; of: number };
}

/** What a progress report says besides its bytes. */
export type ProgressStage = Pick<OpProgress, 'stage' | 'attempt'>;

export type Events = { 'op.progress': OpProgress } & NodeEvents &
  FilesEvents &
  UploadsEvents &
  AppEvents &
  IpnsEvents &
  PinsEvents &
  VerifyEvents &
  KeepEvents;

export type RequestIn<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type RequestOut<C extends Channel> = z.output<(typeof requestSchemas)[C]>;

// Both maps must name exactly the channels and events of channels.ts.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const contractIsComplete: [Exactly<keyof Responses, Channel>, Exactly<keyof Events, EventName>] = [true, true];
