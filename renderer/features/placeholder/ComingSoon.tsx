/** An honest empty state for a view that is not built yet. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <section aria-labelledby="view-title" className="view">
      <h1 id="view-title">{title}</h1>
      <div className="empty-state">
        <p>This view is not built yet.</p>
        <p>It will offer: {what}</p>
      </div>
    </section>
  );
}
