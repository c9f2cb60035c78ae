import { create, type StateCreator } from 'zustand';
import { createIpnsSlice, type IpnsSlice } from '../features/ipns/ipns-slice';
import { createBrowserSlice, type BrowserSlice } from '../features/files/browser/browser-slice';
import { createNodeSlice, type NodeSlice } from '../features/node/node-slice';
import { createUploadsSlice, type UploadsSlice } from '../features/files/uploads-slice';
import { createPinsSlice, type PinsSlice } from '../features/pins/pins-slice';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/settings-slice';
import { createShareSlice, type ShareSlice } from '../features/share/share-slice';
import { createVerifySlice, type VerifySlice } from '../features/verify/verify-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type AppState = UiSlice &
  NodeSlice &
  UploadsSlice &
  BrowserSlice &
  SettingsSlice &
  ShareSlice &
  IpnsSlice &
  VerifySlice &
  PinsSlice;

/** A slice sees the whole state, so actions of one slice can read the others. */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;

export const useAppStore = create<AppState>()((...a) => ({
  ...createUiSlice(...a),
  ...createNodeSlice(...a),
  ...createUploadsSlice(...a),
  ...createBrowserSlice(...a),
  ...createSettingsSlice(...a),
  ...createShareSlice(...a),
  ...createIpnsSlice(...a),
  ...createVerifySlice(...a),
  ...createPinsSlice(...a),
}));
