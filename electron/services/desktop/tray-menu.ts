import type { NodeState } from '../../../shared/ipc/contract/node';

/** What the tray shows, worked out from the app's state; electron/shell/tray.ts only draws it. */
export interface TrayModel {
  icon: 'running' | 'stopped';
  tooltip: string;
  items: TrayItem[];
}

export type TrayAction = 'open' | 'start-node' | 'stop-node' | 'pause-uploads' | 'resume-uploads' | 'quit';

export type TrayItem = { kind: 'action'; action: TrayAction; label: string; enabled: boolean } | { kind: 'separator' };

export interface TrayInput {
  node: NodeState;
  /** A remote node is not Cairn's to start or stop. */
  embedded: boolean;
  uploadsPaused: boolean;
  /** Uploads queued or under way. */
  uploadsActive: number;
}

const nodeWords: Record<NodeState, string> = {
  starting: 'Node starting',
  running: 'Node running',
  stopping: 'Node stopping',
  stopped: 'Node stopped',
  error: 'Node failed',
};

export function trayMenu({ node, embedded, uploadsPaused, uploadsActive }: TrayInput): TrayModel {
  const uploads = uploadsActive === 0 ? '' : `, ${uploadsActive} upload${uploadsActive === 1 ? '' : 's'}`;
  const settled = node !== 'starting' && node !== 'stopping';
  const nodeItem: TrayItem =
    node === 'running' || node === 'stopping'
      ? { kind: 'action', action: 'stop-node', label: 'Stop node', enabled: embedded && settled }
      : { kind: 'action', action: 'start-node', label: 'Start node', enabled: settled };
  return {
    icon: node === 'running' ? 'running' : 'stopped',
    tooltip: `Cairn: ${nodeWords[node]}${uploads}${uploadsPaused ? ' (uploads paused)' : ''}`,
    items: [
      { kind: 'action', action: 'open', label: 'Open Cairn', enabled: true },
      { kind: 'separator' },
      nodeItem,
      uploadsPaused
        ? { kind: 'action', action: 'resume-uploads', label: 'Resume uploads', enabled: true }
        : { kind: 'action', action: 'pause-uploads', label: 'Pause uploads', enabled: true },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quit Cairn', enabled: true },
    ],
  };
}
