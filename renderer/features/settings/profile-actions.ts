import type { ConnectionCheck, ProfileInput } from '../../../shared/ipc/contract';
import { call, messageOf } from '../../app/api';
import { useAppStore } from '../../app/store';

export async function testProfile(profile: ProfileInput): Promise<ConnectionCheck> {
  try {
    return await call('node.testConnection', { profile });
  } catch (error) {
    return { ok: false, code: 'VALIDATION', message: messageOf(error) };
  }
}

/** True when saved; a failure is shown as a notice. */
export async function saveProfile(profile: ProfileInput): Promise<boolean> {
  try {
    useAppStore.getState().setSettings(await call('node.saveProfile', { profile }));
    return true;
  } catch (error) {
    useAppStore.getState().notify('error', `Could not save ${profile.name || 'the profile'}: ${messageOf(error)}`);
    return false;
  }
}

export async function removeProfile(id: string, name: string): Promise<void> {
  try {
    useAppStore.getState().setSettings(await call('node.removeProfile', { id }));
    useAppStore.getState().notify('info', `Removed ${name} and its stored credentials.`);
  } catch (error) {
    useAppStore.getState().notify('error', `Could not remove ${name}: ${messageOf(error)}`);
  }
}
