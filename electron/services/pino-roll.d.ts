// pino-roll ships no types; this is the part of its API Cairn uses.
declare module 'pino-roll' {
  import type { EventEmitter } from 'node:events';
  import type { DestinationStream } from 'pino';

  interface PinoRollOptions {
    file: string;
    size?: string | number;
    frequency?: string | number;
    extension?: string;
    mkdir?: boolean;
    limit?: { count?: number };
    /** Passed on to its sonic-boom: each line written as it comes, not after. */
    sync?: boolean;
  }

  export default function roll(options: PinoRollOptions): Promise<DestinationStream & EventEmitter>;
}
