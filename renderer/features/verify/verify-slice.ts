import type { ImportSettings, LocalVerification, OpProgress, RemoteVerification } from '../../../shared/ipc/contract';
import { UNIXFS_V1_2025 } from '../../../shared/verify/import-settings';
import type { SliceCreator } from '../../app/store';

export interface RunState<T> {
  state: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  opId?: string;
  bytes?: number;
  totalBytes?: number | null;
  /** What the bytes count, when not the run's usual work (see OpProgress). */
  stage?: OpProgress['stage'];
  /** The import settings being tried, for a local check hashing (see OpProgress). */
  attempt?: OpProgress['attempt'];
  result?: T;
  error?: string;
}

export interface VerifySlice {
  /** What is being checked against a CID: its name and size (the files themselves stay in verify-actions). */
  verifyChosen: { name: string; folder: boolean; size: number } | null;
  verifyCid: string;
  /** The user's own settings, used instead of the known profiles when `verifyExplicit` is on. */
  verifySettings: ImportSettings;
  verifyExplicit: boolean;
  localCheck: RunState<LocalVerification>;
  remoteCid: string;
  sourcesCheck: RunState<RemoteVerification[]>;
  /** Saving a verified copy, by source name. */
  remoteFetches: Record<string, RunState<RemoteVerification>>;
  patchVerify: (patch: Partial<Omit<VerifySlice, 'patchVerify'>>) => void;
}

export const createVerifySlice: SliceCreator<VerifySlice> = (set) => ({
  verifyChosen: null,
  verifyCid: '',
  verifySettings: UNIXFS_V1_2025,
  verifyExplicit: false,
  localCheck: { state: 'idle' },
  remoteCid: '',
  sourcesCheck: { state: 'idle' },
  remoteFetches: {},
  patchVerify: (patch) => set(patch),
});
