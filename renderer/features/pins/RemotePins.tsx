import { useState, type SubmitEvent } from 'react';
import type { RemotePageCursor, RemotePin, RemotePinPage } from '../../../shared/ipc/contract';
import { nameMatchModes, pinStatuses, type NameMatch, type PinStatus } from '../../../shared/pins/presets';
import { plainMessage } from '../../app/failure';
import { SelectField } from '../../app/SelectField';
import { TextField } from '../../app/TextField';
import { useAppStore } from '../../app/store';
import { keptByReplace, statusLabels } from './pin-labels';
import { listRemotePins, removeRemotePin, replaceRemotePin } from './pins-actions';
import { NoServices } from './PinsEmpty';
import { revealName } from '../../../shared/hidden-characters';
import { Name } from '../../ui/Name';
import { keepFocusInList } from '../../ui/keep-focus';

const PAGE = 20;
const matchLabels: Record<NameMatch, string> = {
  exact: 'Exact name',
  iexact: 'Exact, any case',
  partial: 'Contains',
  ipartial: 'Contains, any case',
};

/** What one service holds, a page at a time (the API's `before` cursor), with its filters. */
export function RemotePins() {
  const services = useAppStore((state) => state.settings?.pins.services ?? []);
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [statuses, setStatuses] = useState<PinStatus[]>([...pinStatuses]);
  const [name, setName] = useState('');
  const [match, setMatch] = useState<NameMatch>('ipartial');
  const [cid, setCid] = useState('');
  // Cursors of the pages seen, so "Newer" can go back.
  const [cursors, setCursors] = useState<RemotePageCursor[]>([]);
  const [page, setPage] = useState<RemotePinPage | { error: string } | null>(null);
  // The page on screen stays while the service is asked again (after a removal): its list, and the
  // focus in it, are not torn down to be built anew.
  const [asking, setAsking] = useState(false);

  if (services.length === 0) return <NoServices />;
  const current = services.some((service) => service.id === serviceId) ? serviceId : (services[0]?.id ?? '');

  const load = async (cursor: RemotePageCursor | undefined, trail: RemotePageCursor[]) => {
    setAsking(true);
    try {
      const answer = await listRemotePins({
        serviceId: current,
        limit: PAGE,
        ...(statuses.length > 0 ? { status: statuses } : {}),
        ...(name.trim() ? { name: name.trim(), match } : {}),
        ...(cid.trim()
          ? {
              cids: cid
                .split(/[\s,]+/)
                .filter(Boolean)
                .slice(0, 10),
            }
          : {}),
        ...cursor,
      });
      setCursors(trail);
      setPage(answer);
    } catch (error) {
      setPage({ error: plainMessage(error) });
    } finally {
      setAsking(false);
    }
  };
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    void load(undefined, []);
  };

  return (
    <section aria-labelledby="remote-pins-title">
      <h2 id="remote-pins-title">On a service</h2>
      <form className="toolbar" aria-label="Remote pins filter" onSubmit={search}>
        <SelectField
          label="Service"
          value={current}
          options={services.map((service) => [service.id, service.name] as const)}
          onChange={setServiceId}
        />
        <fieldset>
          <legend>Status</legend>
          {pinStatuses.map((status) => (
            <label key={status}>
              <input
                type="checkbox"
                checked={statuses.includes(status)}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setStatuses((list) => (on ? [...list, status] : list.filter((item) => item !== status)));
                }}
              />
              {statusLabels[status]}
            </label>
          ))}
        </fieldset>
        <TextField label="Name" value={name} onChange={setName} type="search" />
        <SelectField
          label="Name match"
          value={match}
          options={nameMatchModes.map((mode) => [mode, matchLabels[mode]] as const)}
          onChange={setMatch}
        />
        <TextField label="CIDs (up to 10)" value={cid} onChange={setCid} type="search" spellCheck={false} />
        <button type="submit">Show pins</button>
      </form>
      {asking && (page === null || 'error' in page) && <p role="status">Asking the service…</p>}
      {page !== null && !asking && 'error' in page && (
        <p role="alert" className="error-text">
          {page.error}
        </p>
      )}
      {page !== null && 'pins' in page && (
        <>
          <p role="status" className="hint">
            {asking ? 'Asking the service…' : `${page.count.toLocaleString()} match; page ${cursors.length + 1}.`}
          </p>
          <ul
            ref={keepFocusInList}
            tabIndex={-1}
            className="plain remote-pins"
            aria-label="Remote pins"
            aria-busy={asking}
          >
            {page.pins.map((pin) => (
              <RemotePinRow
                key={pin.requestId}
                pin={pin}
                serviceId={current}
                onChanged={() => void load(cursors.at(-1), cursors)}
              />
            ))}
          </ul>
          <div className="actions">
            <button
              type="button"
              disabled={cursors.length === 0}
              onClick={() => void load(cursors.at(-2), cursors.slice(0, -1))}
            >
              Newer
            </button>
            <button
              type="button"
              disabled={page.next === null}
              onClick={() => {
                if (page.next) void load(page.next, [...cursors, page.next]);
              }}
            >
              Older
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function RemotePinRow({
  pin: listed,
  serviceId,
  onChanged,
}: {
  pin: RemotePin;
  serviceId: string;
  onChanged: () => void;
}) {
  const [replacing, setReplacing] = useState(false);
  const [next, setNext] = useState('');
  // Said on the row until the list asked again comes: a pin the service removed is not shown as pinned,
  // one it replaced is shown as its answer gave it.
  const [removal, setRemoval] = useState<'removing' | 'removed' | null>(null);
  const [replaced, setReplaced] = useState<RemotePin | null>(null);
  const pin = replaced ?? listed;
  const label = pin.name ? revealName(pin.name) : pin.cid;
  const kept = keptByReplace(pin);
  return (
    <li aria-label={label} tabIndex={-1}>
      <span>
        <strong>{pin.name ? <Name value={pin.name} /> : 'no name'}</strong> <code>{pin.cid}</code>{' '}
        {removal === 'removed' ? 'removed' : statusLabels[pin.status]}
        {removal === 'removing' && ', removing…'}
        {pin.reason && removal !== 'removed' && <span className="error-text"> {pin.reason}</span>}
        <span className="hint"> {new Date(pin.created).toLocaleString()}</span>
      </span>
      {replacing ? (
        <form
          className="inline-form"
          aria-label={`Replace ${label}`}
          onSubmit={(event) => {
            event.preventDefault();
            void replaceRemotePin(serviceId, pin.requestId, next.trim()).then((answer) => {
              if (!answer) return;
              setReplaced(answer);
              setReplacing(false);
              setNext('');
              onChanged();
            });
          }}
        >
          <TextField
            label="New CID"
            hint={kept ? `The new pin keeps ${kept}.` : undefined}
            value={next}
            onChange={setNext}
            spellCheck={false}
          />
          <button type="submit" disabled={next.trim() === ''}>
            Replace
          </button>
          <button type="button" onClick={() => setReplacing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" disabled={removal !== null} onClick={() => setReplacing(true)}>
          Replace<span className="visually-hidden"> {label}</span>
        </button>
      )}
      <button
        type="button"
        disabled={removal !== null}
        onClick={() => {
          setRemoval('removing');
          void removeRemotePin(serviceId, pin.requestId).then((done) => {
            setRemoval(done ? 'removed' : null);
            if (done) onChanged();
          });
        }}
      >
        Remove<span className="visually-hidden"> {label}</span>
      </button>
    </li>
  );
}
