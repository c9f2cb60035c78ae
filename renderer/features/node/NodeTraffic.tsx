import { useCallback, useState } from 'react';
import type { NodeStats } from '../../../shared/ipc/contract';
import { formatBytes } from '../../app/format';
import { useVisibleInterval } from '../../app/use-visible-interval';
import { readStats } from './node-actions';

const SAMPLES = 60;
const POLL_MS = 2_000;

type Bandwidth = NonNullable<NodeStats['bandwidth']>;

/**
 * Peers and bandwidth, polled only while this view is open, the window visible and the node online:
 * offline, Kubo keeps no swarm or bandwidth statistics, so there is nothing to ask for.
 */
export function NodeTraffic({ offline }: { offline: boolean }) {
  const [latest, setLatest] = useState<NodeStats | null>(null);
  const [history, setHistory] = useState<Bandwidth[]>([]);
  const poll = useCallback(() => {
    void readStats().then((stats) => {
      if (!stats) return;
      setLatest(stats);
      const { bandwidth } = stats;
      if (bandwidth) setHistory((previous) => [...previous.slice(-(SAMPLES - 1)), bandwidth]);
    });
  }, []);
  useVisibleInterval(poll, offline ? null : POLL_MS);
  if (!latest && !offline) return null;
  const peers = offline ? null : (latest?.peers ?? null);
  const bandwidth = offline ? null : (latest?.bandwidth ?? null);
  return (
    <section aria-labelledby="traffic-title" className="traffic">
      <h2 id="traffic-title">Traffic</h2>
      {peers === null || bandwidth === null ? (
        <p>No peers or bandwidth to show: the node is offline.</p>
      ) : (
        <>
          <p>
            {peers} {peers === 1 ? 'peer' : 'peers'} · in {formatBytes(bandwidth.rateIn)}/s · out{' '}
            {formatBytes(bandwidth.rateOut)}/s · total in {formatBytes(bandwidth.totalIn)}, out{' '}
            {formatBytes(bandwidth.totalOut)}
          </p>
          <Sparkline
            label={`Bandwidth in and out over the last ${(history.length * POLL_MS) / 1000} seconds`}
            series={[history.map((sample) => sample.rateIn), history.map((sample) => sample.rateOut)]}
          />
        </>
      )}
    </section>
  );
}

function Sparkline({ label, series }: { label: string; series: number[][] }) {
  const width = 240;
  const height = 48;
  const top = Math.max(1, ...series.flat());
  const line = (values: number[]) =>
    values.map((value, i) => `${(i / (SAMPLES - 1)) * width},${height - (value / top) * (height - 2) - 1}`).join(' ');
  return (
    <svg role="img" aria-label={label} width={width} height={height} className="sparkline">
      {series.map((values, i) => (
        <polyline key={i} points={line(values)} className={`spark-${i}`} fill="none" />
      ))}
    </svg>
  );
}
