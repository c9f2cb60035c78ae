import type { ConnectionCheck, ProfileInput } from '../../../shared/ipc/contract';
import { call } from '../../app/api';
import { plainMessage, reportFailure, reportSaveFailure } from '../../app/failure';
import type { FieldFault } from '../../app/field-faults';
import { useAppStore } from '../../app/store';

export async function testProfile(profile: ProfileInput): Promise<ConnectionCheck> {
  try {
    return await call('node.testConnection', { profile });
  } catch (error) {
    return { ok: false, code: 'VALIDATION', message: plainMessage(error) };
  }
}

/** True when saved; a refused field is shown at it, any other failure as a notice. */
export async function saveProfile(profile: ProfileInput, atField: (fault: FieldFault) => boolean): Promise<boolean> {
  try {
    useAppStore.getState().setSettings(await call('node.saveProfile', { profile }));
    return true;
  } catch (error) {
    reportSaveFailure(`Could not save ${profile.name || 'the profile'}`, error, atField);
    return false;
  }
}

export async function removeProfile(id: string, name: string): Promise<void> {
  try {
    useAppStore.getState().setSettings(await call('node.removeProfile', { id }));
    useAppStore.getState().notify('info', `Removed ${name} and its stored credentials.`);
  } catch (error) {
    reportFailure(`Could not remove ${name}`, error);
  }
}
