import type { MovedPort, NodeStatus } from '../../../shared/ipc/contract';
import { useAppStore } from '../../app/store';

const addressNames: Record<MovedPort['setting'], string> = {
  'Addresses.API': 'The node’s RPC API',
  'Addresses.Gateway': 'The local gateway',
  'Addresses.Swarm': 'A swarm address of the node',
};

/** The port of a multiaddr such as /ip4/127.0.0.1/tcp/8080. */
function portOf(multiaddr: string): string {
  return /\/(?:tcp|udp)\/(\d+)/.exec(multiaddr)?.[1] ?? multiaddr;
}

/** A moved address in words; for the gateway, what it means for links already copied. */
export function movedPortWords(move: MovedPort): string {
  const from = portOf(move.from);
  const moved = `${addressNames[move.setting]} moved from port ${from} to ${portOf(move.to)}: another program had taken ${from}.`;
  if (move.setting !== 'Addresses.Gateway') return moved;
  return `${moved} Links to this computer’s gateway copied before (port ${from}) no longer open: copy them again.`;
}

/** A moved address as a note of what Cairn did, the settings and addresses for Details. */
export function movedPortNote(move: MovedPort): { sentence: string; details: string } {
  return { sentence: movedPortWords(move), details: `${move.setting}: ${move.from} → ${move.to}` };
}

const announced = new Set<string>();

/** Every local link copied before a gateway move is dead: said once per move, in a notice that stays until closed. */
export function announceMovedGateway(status: NodeStatus): void {
  for (const move of status.movedPorts) {
    const key = `${move.from} ${move.to}`;
    if (move.setting !== 'Addresses.Gateway' || announced.has(key)) continue;
    announced.add(key);
    const { sentence, details } = movedPortNote(move);
    useAppStore.getState().notify('info', sentence, { title: 'Local links changed', details, sticky: true });
  }
}
