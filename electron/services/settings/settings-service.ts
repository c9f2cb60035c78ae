import { AppError } from '../../../shared/errors';
import {
  applySettingsPatch,
  settingsSchema,
  type Gateway,
  type Settings,
  type SettingsPatch,
  type WindowState,
} from '../../../shared/settings';
import { retypedTextProblem } from '../../../shared/typed-text';
import type { DataStore } from '../store/data-store';
import { settingsFile } from '../store/files/settings-file';
import { windowStateFile } from '../store/files/window-state-file';
import { refuseAtField } from './field-refusal';

export interface SettingsService {
  get(): Settings;
  /**
   * False when settings.json could not be read whole at start: entries (services, profiles) may be
   * missing that the user still has, so nothing tied to them may be dropped or failed for their absence.
   */
  readonly readWhole: boolean;
  /** A change from the renderer, already validated against the patch schema. */
  update(patch: SettingsPatch): Promise<Settings>;
  /** A change made by main itself (profiles, the active node); the result is validated in full. */
  change(edit: (settings: Settings) => Settings): Promise<Settings>;
  /** Refuses (VALIDATION) an edit whose result `change` would refuse: to check limits before any side effect. */
  check(edit: (settings: Settings) => Settings): void;
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
}

/**
 * Settings in `<dataDir>/settings.json`, migrated from older versions. A change is applied once it
 * is on disk; a failed write leaves the settings as they were and rejects with the reason.
 */
export async function openSettings(store: DataStore): Promise<SettingsService> {
  const file = await store.open(settingsFile);
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();

  async function commit(edit: (settings: Settings) => Settings): Promise<Settings> {
    const previous = file.get();
    const next = await file.update(edit);
    for (const listener of listeners) listener(next, previous);
    return next;
  }

  return {
    get: () => file.get(),
    readWhole: file.readWhole,
    update: (patch) =>
      commit((current) => {
        refuseTypedGatewayNames(current.share.gateways, patch.share?.gateways ?? []);
        return applySettingsPatch(current, patch);
      }),
    change: (edit) => commit((current) => validated(edit(current))),
    check: (edit) => void validated(edit(file.get())),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A gateway's name is typed by the user and shown in every share menu: one typed now (a new
 * gateway's, a changed one) is held to what a person may type; a stored one is sent back as it is.
 */
function refuseTypedGatewayNames(stored: Gateway[], sent: Gateway[]): void {
  for (const [index, gateway] of sent.entries()) {
    const before = stored.find((candidate) => candidate.id === gateway.id)?.name;
    refuseAtField(`share.gateways.${index}.name`, retypedTextProblem(gateway.name, before, 'a gateway name'));
  }
}

/** Settings as main may store them; what breaks a rule (too many services) is refused with the rule's words. */
function validated(settings: Settings): Settings {
  const parsed = settingsSchema.safeParse(settings);
  if (!parsed.success) throw new AppError('VALIDATION', parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

export interface WindowStateStore {
  /** The main window's last geometry, or null before it was first saved. */
  get(): WindowState | null;
  save(state: WindowState): Promise<void>;
}

export async function openWindowState(store: DataStore): Promise<WindowStateStore> {
  const file = await store.open(windowStateFile);
  return {
    get: () => file.get(),
    save: async (state) => {
      await file.set(state);
    },
  };
}
