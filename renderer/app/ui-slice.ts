import type { SliceCreator } from './store';

export const views = ['files', 'pins', 'share', 'names', 'verify', 'node', 'settings'] as const;
export type View = (typeof views)[number];

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface UiSlice {
  view: View;
  notices: Notice[];
  showView: (view: View) => void;
  notify: (kind: Notice['kind'], text: string) => void;
  dismissNotice: (id: number) => void;
}

let nextNoticeId = 1;

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  view: 'files',
  notices: [],
  showView: (view) => set({ view }),
  notify: (kind, text) => set((state) => ({ notices: [...state.notices, { id: nextNoticeId++, kind, text }] })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
