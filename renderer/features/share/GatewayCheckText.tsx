import { gatewayCheckWords, type GatewayCheck } from './gateway-words';
import { MoreDetails } from '../../ui/MoreDetails';

/** A gateway check in place: `lead` (what it means here), the sentence, and its details on demand. */
export function GatewayCheckText({ check, lead }: { check: GatewayCheck; lead: string }) {
  const { sentence, details } = gatewayCheckWords(check);
  return (
    <div className="check-result">
      <p role="status" className={check.status === 'trustworthy' ? 'ok-text' : 'error-text'}>
        {lead}
        {sentence}
      </p>
      <MoreDetails text={details} />
    </div>
  );
}
