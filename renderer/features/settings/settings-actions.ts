import type { SettingsPatch } from '../../../shared/settings';
import { cairn, call } from '../../app/api';
import { reportFailure, reportSaveFailure } from '../../app/failure';
import type { FieldFault } from '../../app/field-faults';
import { useAppStore } from '../../app/store';

/** The settings now, then every change, whoever made it (this window, main switching nodes...). */
export function followSettings(): () => void {
  void refreshSettings();
  return cairn().on('settings.changed', (settings) => useAppStore.getState().setSettings(settings));
}

export async function refreshSettings(): Promise<void> {
  try {
    useAppStore.getState().setSettings(await call('settings.get', {}));
  } catch (error) {
    reportFailure('Could not load settings', error);
  }
}

/** True when saved; a refused field a form shows goes to `atField`, any other failure to a notice. */
export async function updateSettings(
  patch: SettingsPatch,
  atField: (fault: FieldFault) => boolean = () => false,
): Promise<boolean> {
  try {
    useAppStore.getState().setSettings(await call('settings.update', patch));
    return true;
  } catch (error) {
    reportSaveFailure('Could not save settings', error, atField);
    return false;
  }
}

/** Main opens its own dialog for the embedded node's binary or repo folder (or goes back to the automatic one). */
export async function chooseNodePath(what: 'binary' | 'repo', reset: boolean): Promise<void> {
  try {
    useAppStore.getState().setSettings(await call('node.choosePath', { what, reset }));
  } catch (error) {
    reportFailure(what === 'binary' ? 'Kubo binary not changed' : 'Repo folder not changed', error);
  }
}
