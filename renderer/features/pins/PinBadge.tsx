import { useEffect, useState } from 'react';
import type { CairnError } from '../../../shared/errors';
import type { KeepStatus } from '../../../shared/ipc/contract';
import { plainMessage } from '../../app/failure';
import { wordsFor } from '../../app/failure-words';
import { useAppStore } from '../../app/store';
import { localStateLabels, remoteStateClass, remoteStateLabel, STALE_WHY, withMissing } from './pin-labels';
import { keepStatusOf } from './pins-actions';

/**
 * One small pin status for a CID wherever it appears: the local node (pinned, kept by Files, or
 * going at the next garbage collection) and each pinning service's state. It asks again whenever
 * pins or pin requests change. `inFilesAt`: the Files path of the entry it is shown for, so that
 * main need not look for one.
 */
export function PinBadge({ cid, inFilesAt }: { cid: string; inFilesAt?: string }) {
  const version = useAppStore((state) => state.pinsVersion);
  // With what it answers for: the badge shown for other content (another entry selected) is not this one's.
  const [answered, setAnswered] = useState<{ for: string; summary: KeepStatus | { error: string } } | null>(null);
  const asked = `${cid}\n${inFilesAt ?? ''}`;
  useEffect(() => {
    let current = true;
    keepStatusOf(cid, inFilesAt === undefined).then(
      (answer) => current && setAnswered({ for: asked, summary: answer }),
      (error: unknown) => current && setAnswered({ for: asked, summary: { error: plainMessage(error) } }),
    );
    return () => {
      current = false;
    };
  }, [cid, inFilesAt, asked, version]);
  const summary = answered?.for === asked ? answered.summary : null;

  const label = `Pin status of ${cid.length > 16 ? `${cid.slice(0, 8)}…${cid.slice(-6)}` : cid}`;
  if (summary === null) return <span className="pin-badge">checking pins…</span>;
  if ('error' in summary) {
    return (
      <span className="pin-badge" title={summary.error}>
        pin status unknown
      </span>
    );
  }
  const filesPath = summary.mfsPath ?? inFilesAt;
  const local = `Local: ${withMissing(localStateLabels[summary.local], summary.missing)}`;
  // Each badge may be cut short where room is scarce: its title holds all of it, with the why.
  return (
    <ul className="pin-badge" aria-label={label}>
      <li
        className={`pin-local pin-local-${summary.missing > 0 ? 'incomplete' : summary.local}`}
        title={withDetail(local, summary.inFiles && filesPath ? `In Files at ${filesPath}` : undefined)}
      >
        {local}
      </li>
      {summary.remote.map((remote, index) => {
        const text = `${remote.serviceName}: ${remoteStateLabel(remote)}`;
        const why =
          remote.reason ?? wordsOf(remote.failure ?? remote.problem) ?? (remote.stale ? STALE_WHY : undefined);
        return (
          <li
            key={`${remote.serviceId}-${index}`}
            className={`pin-remote ${remoteStateClass(remote)}`}
            title={withDetail(text, why)}
          >
            {text}
          </li>
        );
      })}
    </ul>
  );
}

/** A badge's hover text: its words in full, then what explains them. */
const withDetail = (text: string, detail: string | undefined): string => (detail ? `${text}. ${detail}` : text);

/** A service's failure or trouble in plain words, for the badge's hover text. */
const wordsOf = (error: CairnError | null): string | undefined => (error ? wordsFor(error).reason : undefined);
