import { useState } from 'react';
import type { PinRequest } from '../../../shared/ipc/contract';
import { wordsFor } from '../../app/failure-words';
import { useAppStore } from '../../app/store';
import { MoreDetails } from '../../ui/MoreDetails';
import { remoteStateClass, remoteStateLabel, STALE_WHY } from './pin-labels';
import { NoServices } from './PinsEmpty';
import { forgetPinRequest, removePinRequest, retryPinRequest } from './pins-actions';
import { revealName } from '../../../shared/hidden-characters';
import { Name } from '../../ui/Name';
import { keepFocusInList } from '../../ui/keep-focus';

/** Every remote pin request Cairn follows, newest first, with what each service last said. */
export function PinRequests() {
  const requests = useAppStore((state) => state.pinRequests);
  const services = useAppStore((state) => state.settings?.pins.services ?? []);
  const nameOf = (id: string) => services.find((service) => service.id === id)?.name ?? 'a removed service';
  // Requests whose removal the service has not answered yet: said on the row, and not asked twice.
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());
  const remove = async (id: string) => {
    setRemoving((ids) => new Set(ids).add(id));
    await removePinRequest(id);
    setRemoving((ids) => new Set([...ids].filter((other) => other !== id)));
  };
  if (requests.length === 0) {
    if (services.length === 0) return <NoServices />;
    return <p className="hint">No remote pin requests yet. Use “Pin to services” on a pin or a file.</p>;
  }
  return (
    <table className="pin-requests" aria-label="Remote pin requests">
      <thead>
        <tr>
          <th scope="col" className="request-col-cid">
            CID
          </th>
          <th scope="col">Name</th>
          <th scope="col" className="request-col-service">
            Service
          </th>
          <th scope="col" className="request-col-status">
            Status
          </th>
          <th scope="col" className="request-col-when">
            Asked
          </th>
          <th scope="col" className="request-col-actions">
            Actions
          </th>
        </tr>
      </thead>
      {/* A request removed by keyboard gives the focus to the row now in its place, not the page's top. */}
      <tbody ref={keepFocusInList} tabIndex={-1}>
        {[...requests].reverse().map((request) => (
          <tr
            key={request.id}
            tabIndex={-1}
            aria-label={`${revealName(request.name) || request.cid} on ${nameOf(request.serviceId)}`}
          >
            <td>
              <code title={request.cid}>{request.cid}</code>
            </td>
            <td>
              <Name value={request.name} className="clamped" />
            </td>
            <td>
              <span className="clamped" title={nameOf(request.serviceId)}>
                {nameOf(request.serviceId)}
              </span>
              <span className="hint"> {request.via === 'kubo' ? 'via Kubo' : 'via Cairn'}</span>
            </td>
            <td>
              <RequestState request={request} removing={removing.has(request.id)} />
            </td>
            <td className="request-col-when">{new Date(request.createdAt).toLocaleString()}</td>
            <td>
              <div className="pin-actions">
                {(request.status === 'failed' || request.problem !== null) && (
                  <button type="button" onClick={() => void retryPinRequest(request.id)}>
                    Retry
                    <span className="visually-hidden">
                      {' '}
                      {request.cid} on {nameOf(request.serviceId)}
                    </span>
                  </button>
                )}
                <button type="button" disabled={removing.has(request.id)} onClick={() => void remove(request.id)}>
                  Remove
                  <span className="visually-hidden">
                    {' '}
                    {request.cid} on {nameOf(request.serviceId)}
                  </span>
                </button>
                {request.requestId === null && (request.failure !== null || request.problem !== null) && (
                  // Remove asks the service, which may hold the pin though its answer never came; when it
                  // cannot be asked, the user may still stop following the request.
                  <button
                    type="button"
                    title="Stop following this request here; anything the service holds stays there"
                    disabled={removing.has(request.id)}
                    onClick={() => void forgetPinRequest(request.id)}
                  >
                    Forget
                    <span className="visually-hidden">
                      {' '}
                      {request.cid} on {nameOf(request.serviceId)}
                    </span>
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RequestState({ request, removing }: { request: PinRequest; removing: boolean }) {
  const next = request.nextCheckAt ? ` Next check ${new Date(request.nextCheckAt).toLocaleTimeString()}.` : '';
  const failure = request.failure ? wordsFor(request.failure) : null;
  const problem = request.problem ? wordsFor(request.problem) : null;
  return (
    <span className={`pin-state ${remoteStateClass(request)}`}>
      {request.requestId === null && request.status === 'queued' ? 'queued (not sent yet)' : remoteStateLabel(request)}
      {removing && ', removing…'}
      {request.stale && !problem && <span className="hint"> {STALE_WHY}</span>}
      {request.reason && <span className="error-text"> {request.reason}</span>}
      {failure && <span className="error-text"> {failure.reason}</span>}
      {problem && (
        <span className="warning-text">
          {' '}
          {problem.reason}
          {next}
        </span>
      )}
      <MoreDetails text={failure?.details ?? problem?.details ?? null} />
    </span>
  );
}
