import { useState } from 'react';
import { TriangleAlert } from 'lucide-react';
import { revealName } from '../../../shared/hidden-characters';
import { isLoopback } from '../../../shared/links/loopback';
import type { Gateway } from '../../../shared/settings';
import { useAppStore } from '../../app/store';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Select } from '../../ui/Select';
import { makeDefaultGateway } from './share-actions';
import { GatewayCheckText } from './GatewayCheckText';
import type { GatewayCheck } from './gateway-words';

/**
 * Beside a default link that only opens on this computer: says so, and offers to share through a
 * gateway others can reach, made the default only once the trust check lets it.
 */
export function LocalOnlyOffer() {
  const gateways = useAppStore((state) => state.settings?.share.gateways ?? []);
  const showView = useAppStore((state) => state.showView);
  const notify = useAppStore((state) => state.notify);
  const reachable = gateways.filter((gateway) => !isLoopback(new URL(gateway.url).hostname));
  const [chosenId, setChosenId] = useState('');
  const [result, setResult] = useState<{ gateway: Gateway; health: GatewayCheck | null } | null>(null);
  const chosen = reachable.find((gateway) => gateway.id === chosenId) ?? reachable[0];

  // Once adopted, the default link is no longer local and this offer goes away: the outcome becomes a notice.
  const use = async (gateway: Gateway) => {
    setResult({ gateway, health: null });
    const health = await makeDefaultGateway(gateway);
    const adopted = adoptionWords(gateway, health);
    if (adopted) notify('info', adopted);
    else setResult({ gateway, health });
  };

  return (
    <div className="callout local-only" role="group" aria-label="Only on this computer">
      <TriangleAlert className="icon" aria-hidden />
      <div>
        <p>
          <strong>This link opens only on this computer.</strong> It points at your own node&apos;s gateway, which
          nobody else can reach. To share with others, use a gateway they can reach.
        </p>
        {chosen ? (
          <>
            <Field
              label="Share through"
              hint="Cairn first asks it for content your node has and checks the bytes."
              after={
                <Button variant="primary" onClick={() => void use(chosen)} disabled={result?.health === null}>
                  Check and use
                </Button>
              }
            >
              <Select
                value={chosen.id}
                options={reachable.map((gateway) => [gateway.id, revealName(gateway.name)] as const)}
                onChange={setChosenId}
              />
            </Field>
            {result && <OfferResult gateway={result.gateway} health={result.health} />}
          </>
        ) : (
          <div className="actions">
            <Button onClick={() => showView('settings')}>Add a gateway in Settings</Button>
          </div>
        )}
      </div>
    </div>
  );
}

function OfferResult({ gateway, health }: { gateway: Gateway; health: GatewayCheck | null }) {
  if (!health) return <p role="status">Checking {revealName(gateway.name)}…</p>;
  return <GatewayCheckText check={health} lead={`${revealName(gateway.name)} was not made the default: `} />;
}

/** What to say when the gateway became the default; null when the check refused it. */
function adoptionWords(gateway: Gateway, health: GatewayCheck): string | null {
  if (health.status === 'trustworthy')
    return `${revealName(gateway.name)} served the right bytes: share links now go through it.`;
  if (health.status === 'skipped') {
    return `Share links now go through ${revealName(gateway.name)}. Offline mode kept Cairn from checking it: check it in Settings > Gateways once you are online.`;
  }
  return null;
}
