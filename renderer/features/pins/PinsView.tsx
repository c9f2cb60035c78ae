import { useState } from 'react';
import { LocalPins } from './LocalPins';
import { UploadPinCleanup } from './UploadPinCleanup';
import { PinRequests } from './PinRequests';
import { Redundancy } from './Redundancy';
import { RemotePins } from './RemotePins';

const parts = [
  ['local', 'On this node'],
  ['requests', 'Remote requests'],
  ['remote', 'On services'],
  ['redundancy', 'Redundancy'],
] as const;
type Part = (typeof parts)[number][0];

export function PinsView() {
  const [part, setPart] = useState<Part>('local');
  return (
    <section aria-labelledby="view-title" className="view pins">
      <h1 id="view-title">Pins</h1>
      <p className="hint">
        What is in Files is kept. Pins keep content that is not in Files, and pins on services keep it off this machine;
        anything else goes at the next garbage collection. For important data, pin it on more than one service.
      </p>
      <nav aria-label="Pins views" className="subnav">
        {parts.map(([id, label]) => (
          <button key={id} type="button" aria-pressed={part === id} onClick={() => setPart(id)}>
            {label}
          </button>
        ))}
      </nav>
      {part === 'local' && (
        <>
          <UploadPinCleanup />
          <LocalPins />
        </>
      )}
      {part === 'requests' && <PinRequests />}
      {part === 'remote' && <RemotePins />}
      {part === 'redundancy' && <Redundancy />}
    </section>
  );
}
