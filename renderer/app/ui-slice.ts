import type { SliceCreator } from './store';

export const views = ['files', 'pins', 'share', 'names', 'verify', 'node', 'settings'] as const;
export type View = (typeof views)[number];

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  /** What happened, in bold above the text (an error's "Could not …"). */
  title: string | null;
  text: string;
  /** Codes and raw words behind "Details". */
  details: string | null;
  /** Stays until closed: an error the user has to act on. */
  sticky: boolean;
  /** What the user can do about it from the notice itself (send again what failed). */
  action: NoticeAction | null;
}

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface NoticeOptions {
  title?: string;
  details?: string | null;
  sticky?: boolean;
  action?: NoticeAction;
}

/** Older notices make way: the stack never grows past this. */
export const MAX_NOTICES = 4;

export interface UiSlice {
  view: View;
  notices: Notice[];
  /** Main does not answer (the bridge's event stream closed, calls fail): the header says so until it is back. */
  backendLost: boolean;
  setBackendLost: (lost: boolean) => void;
  showView: (view: View) => void;
  notify: (kind: Notice['kind'], text: string, options?: NoticeOptions) => void;
  dismissNotice: (id: number) => void;
}

let nextNoticeId = 1;

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  view: 'files',
  notices: [],
  backendLost: false,
  setBackendLost: (backendLost) => set({ backendLost }),
  showView: (view) => set({ view }),
  notify: (kind, text, options = {}) =>
    set((state) => ({
      notices: [
        ...state.notices,
        {
          id: nextNoticeId++,
          kind,
          title: options.title ?? null,
          text,
          details: options.details ?? null,
          sticky: options.sticky ?? false,
          action: options.action ?? null,
        },
      ].slice(-MAX_NOTICES),
    })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
