import { nameParts, markerText, revealName } from '../../shared/hidden-characters';

/**
 * A name that came from content (a file, a pin, an upload, a key) shown as a name: isolated, so it
 * never reorders the sentence around it (`<bdi>`), and with each character it hides shown as a
 * marker, ⟨U+202E⟩, whose tooltip says what it is. The marker is text, so the accessible name of
 * whatever holds the name carries it too. For a name inside an attribute (a label, a title), use
 * `revealName` from shared/hidden-characters.
 */
export function Name({ value, className }: { value: string; className?: string }) {
  const parts = nameParts(value);
  return (
    <bdi className={className ? `name ${className}` : 'name'} title={revealName(value)}>
      {parts.map((part, index) =>
        'hidden' in part ? (
          <span
            key={index}
            className="hidden-character"
            title={`Hidden character ${part.hidden.code}: ${part.hidden.what}`}
          >
            {markerText(part.hidden)}
          </span>
        ) : (
          part.text
        ),
      )}
    </bdi>
  );
}
