import { useEffect, useState } from 'react';
import type { AboutInfo } from '../../../shared/ipc/contract/app';
import { cairn, call } from '../../app/api';
import { attempt } from '../../app/failure';
import { useAppStore } from '../../app/store';

/** Versions, the logs folder and diagnostics to copy into a bug report. */
export function About() {
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const kuboVersion = useAppStore((state) => state.node?.info?.kuboVersion);
  const notify = useAppStore((state) => state.notify);

  useEffect(() => {
    let live = true;
    void attempt('Could not read the versions', () => call('app.about', {})).then((info) => {
      if (live && info) setAbout(info);
    });
    return () => {
      live = false;
    };
    // The node's version changes when it (re)starts: read the versions again then.
  }, [kuboVersion]);

  const copyDiagnostics = async () => {
    const copied = await attempt('Could not copy diagnostics', async () => {
      const { text } = await call('app.diagnostics', {});
      await cairn().copyText(text);
      return true;
    });
    if (copied) notify('info', 'Diagnostics copied: paste them into your bug report.');
  };
  const openLogs = () => void attempt('Could not open the logs folder', () => call('app.openLogsFolder', {}));

  return (
    <section aria-labelledby="about-title" className="settings-section">
      <h2 id="about-title">About</h2>
      {about && (
        <dl aria-label="Versions">
          <dt>Cairn</dt>
          <dd>{about.versions.cairn}</dd>
          <dt>Electron</dt>
          <dd>{about.versions.electron ?? 'none (running in a browser)'}</dd>
          <dt>Kubo</dt>
          <dd>{about.versions.kubo ?? 'no node running'}</dd>
          <dt>Repo version</dt>
          <dd>{about.versions.repo ?? 'unknown'}</dd>
          <dt>Logs</dt>
          <dd>{about.logsFolder}</dd>
        </dl>
      )}
      <button type="button" onClick={openLogs}>
        Open logs folder
      </button>
      <button type="button" onClick={() => void copyDiagnostics()}>
        Copy diagnostics
      </button>
    </section>
  );
}
