import { useAppStore } from '../../app/store';

/** What the links of a DNSLink name depend on: DNS, asked each time one is opened, which an offline node never asks. */
export function DnslinkNote({ name }: { name: string }) {
  const offline = useAppStore((state) => state.node?.offline ?? false);
  return (
    <div role="note" aria-label="DNSLink name" className="hint">
      <p>
        {name} is read as a DNSLink name: these links open what its DNS record (_dnslink.{name}) points to when they are
        opened.
      </p>
      {offline && (
        <p>
          Offline mode is on: this node does not ask DNS, so it cannot resolve {name}, and the local node&apos;s links
          fail here. They work wherever DNS is asked.
        </p>
      )}
    </div>
  );
}
