import { CidInspector } from './CidInspector';
import { LocalVerify } from './LocalVerify';
import { SourcesCheck } from './SourcesCheck';

export function VerifyView() {
  return (
    <section aria-labelledby="view-title" className="view share">
      <h1 id="view-title">Verify</h1>
      <p className="hint">
        The same content always has the same CID: check it for a file on this machine, or for what a gateway or the node
        sends, without trusting either.
      </p>
      <LocalVerify />
      <SourcesCheck />
      <CidInspector />
    </section>
  );
}
