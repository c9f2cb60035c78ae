import { CidInspector } from './CidInspector';

export function VerifyView() {
  return (
    <section aria-labelledby="view-title" className="view share">
      <h1 id="view-title">Verify</h1>
      <p className="hint">
        Checking a file on disk, or what a gateway sends, against a CID is not built yet. Inspecting a CID is.
      </p>
      <CidInspector />
    </section>
  );
}
