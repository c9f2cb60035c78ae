/**
 * A button disabled while its action runs (a form's busy state) loses the focus to the page's body, a
 * keyboard user sent back to the page's top. Once it is enabled again, the focus still nowhere, it is
 * given back. Rows of lists that keep the focus themselves (keepFocusInList) have already placed it.
 */
export function keepFocusThroughBusy(root: HTMLElement = document.body): () => void {
  let waiting: HTMLElement | null = null;
  const nowhere = () => document.activeElement === null || document.activeElement === document.body;

  const onFocusOut = (event: FocusEvent) => {
    const left = event.target;
    if (!(left instanceof HTMLElement) || event.relatedTarget !== null) return;
    // The browser blurs a disabled control once it looks at the focus again, after the change.
    queueMicrotask(() => {
      if (left.matches(':disabled') && nowhere()) waiting = left;
    });
  };
  const onFocusIn = () => {
    waiting = null;
  };
  const observer = new MutationObserver(() => {
    if (!waiting || waiting.matches(':disabled')) return;
    const back = waiting;
    waiting = null;
    if (back.isConnected && nowhere()) back.focus();
  });
  observer.observe(root, { subtree: true, attributeFilter: ['disabled'] });
  root.addEventListener('focusout', onFocusOut);
  root.addEventListener('focusin', onFocusIn);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusout', onFocusOut);
    root.removeEventListener('focusin', onFocusIn);
  };
}
