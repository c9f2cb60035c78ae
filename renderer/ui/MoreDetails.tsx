/** The technical part of a message (codes, raw words, parameters), closed until asked for. */
export function MoreDetails({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <details className="more">
      <summary>Details</summary>
      <pre>{text}</pre>
    </details>
  );
}
