/**
 * Keeps the keyboard's place in a list whose rows go (removed, unpinned) or lose the button that had
 * the focus (Cancel becomes Retry): the browser drops the focus on the page's body, a keyboard user
 * back at the page's top. The focus goes instead to the row if it stays, else to the row now in its
 * place (the next), else the last, else the list; a list emptied to be filled again (a refresh) gives
 * it on to the row in that place once back. Rows are the list's children; they and the list take the
 * focus from code only (tabIndex -1). A ref callback: `<ul ref={keepFocusInList} tabIndex={-1}>`.
 */
export function keepFocusInList(element: HTMLElement | null): (() => void) | undefined {
  if (!element) return;
  const rows = () => Array.from(element.children).filter((row) => row instanceof HTMLElement);
  /** Taken from under the focus: removed from the page, or disabled (a button busy with its action). */
  const lost = (focused: Element) => !focused.isConnected || focused.matches(':disabled');
  /** What in the list has the focus, and its row's place; null once the focus left on purpose. */
  let held: { focused: Element; row: Element | undefined; index: number } | null = null;
  /** The place of a row gone with every other, while the list holds the focus for it. */
  let waiting: number | null = null;

  const onFocusIn = (event: FocusEvent) => {
    if (!(event.target instanceof Element) || event.target === element) return;
    const row = rows().find((one) => one.contains(event.target as Node));
    held = { focused: event.target, row, index: row ? rows().indexOf(row) : (held?.index ?? 0) };
    waiting = null;
  };
  const onFocusOut = (event: FocusEvent) => {
    const to = event.relatedTarget;
    // A dialog a row opened gives the focus back to its opener; the row gone meanwhile, this does.
    if (to instanceof Element && to.closest('[role="dialog"], [role="alertdialog"]')) return;
    if (to instanceof Node && element.contains(to)) return;
    const was = held;
    // Still there, it was left on purpose; one removed or disabled took the focus with it (a disabled
    // one blurs only once the browser looks at the focus again, after the change was observed).
    queueMicrotask(() => {
      if (held !== was || !was) return;
      if (lost(was.focused)) restore();
      else held = null;
    });
    if (to !== null) waiting = null;
  };
  const restore = () => {
    const now = rows();
    if (waiting !== null && document.activeElement === element && now.length > 0) {
      now[Math.min(waiting, now.length - 1)]?.focus();
      return;
    }
    if (!held || !lost(held.focused) || document.activeElement === held.focused) return;
    const { row, index } = held;
    held = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const next = row?.isConnected ? row : now[Math.min(index, now.length - 1)];
    if (next instanceof HTMLElement) next.focus();
    else {
      waiting = index;
      element.focus();
    }
  };

  const observer = new MutationObserver(restore);
  observer.observe(element, { childList: true, subtree: true, attributeFilter: ['disabled'] });
  element.addEventListener('focusin', onFocusIn);
  element.addEventListener('focusout', onFocusOut);
  return () => {
    observer.disconnect();
    element.removeEventListener('focusin', onFocusIn);
    element.removeEventListener('focusout', onFocusOut);
  };
}

/**
 * A ref callback for a part of a view that leaves the page whole (the upload queue emptied by its own
 * Clear): when it held the focus, the focus goes to `to()` rather than the page's body. React
 * detaches the ref before it takes the element out, so the focus is still seen inside then.
 */
export function keepFocusWhenGone(
  to: () => HTMLElement | null,
): (element: HTMLElement | null) => (() => void) | undefined {
  return (element) => {
    if (!element) return;
    return () => {
      if (!element.contains(document.activeElement)) return;
      queueMicrotask(() => {
        const nowhere = document.activeElement === null || document.activeElement === document.body;
        if (!element.isConnected && nowhere) to()?.focus();
      });
    };
  };
}
