import { z } from 'zod';

export const verifyRequests = {
  'verify.inspectOnNode': z.object({ cid: z.string().min(1).max(512) }).strict(),
};

export interface NodeCidInfo {
  /** Whether the node has the root block; the rest is only known when it does. */
  has: boolean;
  type?: 'file' | 'directory' | 'raw' | 'other';
  size?: number;
  /** Blocks of the whole DAG; null when some of them are not on the node. */
  blocks?: number | null;
  childCount?: number;
  children?: { name: string; cid: string; size: number; folder: boolean }[];
}

export interface VerifyResponses {
  'verify.inspectOnNode': NodeCidInfo;
}
