import { buildLink, type BuiltLink, type LinkKind } from '../../../shared/links/build-link';
import { revealName } from '../../../shared/hidden-characters';
import type { ContentRef } from '../../../shared/links/content-ref';
import { isLoopback } from '../../../shared/links/loopback';
import { parseWebUrl } from '../../../shared/links/web-url';
import { LOCAL_GATEWAY, type Gateway, type GatewayStyle, type Settings } from '../../../shared/settings';

export interface ShareLink {
  id: string;
  /** What a person calls this link: "ipfs://" (or "ipns://"), "Local node (subdomain)", "dweb.link". */
  label: string;
  link: BuiltLink;
  /** The gateway behind a gateway link; null for ipfs:// and ipns://, which needs a browser or app that speaks IPFS. */
  gateway: Pick<Gateway, 'url' | 'style'> | null;
  isDefault: boolean;
  /** A gateway link to this machine (the local node's gateway, or any on loopback): it opens only here. */
  localOnly: boolean;
}

/**
 * Every link Cairn offers for `ref`: ipfs://, the local node's gateway (path and subdomain, when the
 * app can reach it) and each enabled gateway of the list; the default kind on the default gateway first.
 */
export function shareLinks(ref: ContentRef, share: Settings['share'], localGateway: string | null): ShareLink[] {
  const links: Omit<ShareLink, 'isDefault' | 'localOnly'>[] = [
    { id: 'native', label: `${ref.namespace}://`, link: buildLink(ref, 'native'), gateway: null },
  ];
  if (localGateway) {
    const port = new URL(localGateway).port;
    links.push(
      {
        id: `${LOCAL_GATEWAY}:subdomain`,
        label: 'Local node (subdomain)',
        ...via(ref, `http://localhost:${port}`, 'subdomain'),
      },
      { id: `${LOCAL_GATEWAY}:path`, label: 'Local node (path)', ...via(ref, localGateway, 'path') },
    );
  }
  for (const gateway of share.gateways.filter((candidate) => candidate.enabled)) {
    links.push({
      id: `${gateway.id}:${gateway.style}`,
      label: revealName(gateway.name),
      ...via(ref, gateway.url, gateway.style),
    });
  }
  const preferred = preferredId(share.defaultKind, share.defaultGateway, share);
  return links
    .map((link) => ({
      ...link,
      isDefault: link.id === preferred,
      localOnly:
        link.link.url !== null && link.gateway !== null && isLoopback(parseWebUrl(link.link.url)?.hostname ?? ''),
    }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}

function via(ref: ContentRef, url: string, style: GatewayStyle): Pick<ShareLink, 'link' | 'gateway'> {
  return { link: buildLink(ref, style, url), gateway: { url, style } };
}

function preferredId(kind: LinkKind, gatewayId: string, share: Settings['share']): string {
  if (kind === 'native') return 'native';
  if (gatewayId === LOCAL_GATEWAY) return `${LOCAL_GATEWAY}:${kind}`;
  const gateway = share.gateways.find((candidate) => candidate.id === gatewayId);
  return gateway ? `${gateway.id}:${gateway.style}` : `${LOCAL_GATEWAY}:${kind}`;
}

/**
 * The link "Copy link" copies, and the words that confirm it: the default one, or, when the default
 * cannot be made (a CID too long for a subdomain label), the next that can, saying which and why.
 */
export function linkToCopy(links: ShareLink[]): { url: string; confirmation: string } | null {
  const chosen = links.find((candidate) => candidate.link.url !== null);
  const wanted = links[0];
  if (!chosen?.link.url || !wanted) return null;
  if (chosen === wanted) return { url: chosen.link.url, confirmation: `Copied the ${chosen.label} link.` };
  return {
    url: chosen.link.url,
    confirmation: `Copied the ${chosen.label} link instead of the default (${wanted.label}), which cannot be made: ${wanted.link.note}`,
  };
}
