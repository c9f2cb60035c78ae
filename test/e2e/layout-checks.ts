import type { Page } from '@playwright/test';

/** What is wrong with the page's layout now, one sentence a problem; empty when all is well. */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    const describe = (element: Element) => {
      const name = element.getAttribute('aria-label') ?? (element.textContent || '').trim().slice(0, 40);
      return `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> “${name}”`;
    };
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    };
    // Clipped on purpose: the visually hidden labels, and what sits inside a scroll area.
    const exempt = (element: Element) => element.closest('.visually-hidden, .nav-label, [data-scroll-area]') !== null;

    // The window itself never scrolls: its header and navigation stay, only their areas scroll.
    if (document.documentElement.scrollWidth > width)
      problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    if (document.documentElement.scrollHeight > height)
      problems.push(`the page scrolls down (${document.documentElement.scrollHeight} px)`);

    for (const element of document.querySelectorAll('body *')) {
      if (!shown(element) || exempt(element)) continue;
      const style = getComputedStyle(element);
      const sideways = element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0;
      if (!sideways) continue;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll')
        problems.push(`${describe(element)} scrolls sideways (${element.scrollWidth} > ${element.clientWidth})`);
      else if (style.overflowX === 'visible' && style.display !== 'inline')
        problems.push(`${describe(element)} spills over its box (${element.scrollWidth} > ${element.clientWidth})`);
    }

    // Buttons: inside the window sideways, and, where on screen, the one thing under their centre.
    // With a dialog open, what lies behind its overlay is meant to be covered: only the dialog's buttons count.
    const dialogs = [...document.querySelectorAll('[role="dialog"], [role="alertdialog"]')];
    const scopes = dialogs.length > 0 ? dialogs : [document];
    for (const button of scopes.flatMap((scope) => [...scope.querySelectorAll('button, [role="menuitem"]')])) {
      if (!shown(button) || exempt(button) || button.closest('.toasts')) continue;
      const box = button.getBoundingClientRect();
      if (box.left < -1 || box.right > width + 1) {
        problems.push(`${describe(button)} is outside the window (${Math.round(box.left)}..${Math.round(box.right)})`);
        continue;
      }
      // Only where it can be seen: inside every scrolling box around it, and inside the window.
      const y = box.top + box.height / 2;
      let hidden = y < 0 || y > height;
      for (let box_ = button.parentElement; box_ && !hidden; box_ = box_.parentElement) {
        if (!/(auto|scroll|hidden)/.test(getComputedStyle(box_).overflowY)) continue;
        const area = box_.getBoundingClientRect();
        hidden = y < area.top || y > area.bottom;
      }
      if (hidden) continue;
      const hit = document.elementFromPoint(box.left + box.width / 2, y);
      if (hit && !button.contains(hit) && !hit.closest('.toasts'))
        problems.push(`${describe(button)} is covered by ${describe(hit)}`);
    }

    // Dialogs: every action fully inside the window.
    for (const dialog of document.querySelectorAll('[role="dialog"], [role="alertdialog"]')) {
      for (const action of dialog.querySelectorAll('button')) {
        const box = action.getBoundingClientRect();
        if (box.top < 0 || box.left < 0 || box.bottom > height || box.right > width)
          problems.push(`dialog action ${describe(action)} leaves the window`);
      }
    }

    // Toasts: inside the window, and clear of primary actions: the header's, the view's toolbar, and
    // the rows' own (unpin, copy CID) in the part of each row its scroll area shows.
    const toasts = document.querySelector('.toasts')?.getBoundingClientRect();
    if (toasts && toasts.height > 0) {
      if (toasts.left < 0 || toasts.right > width || toasts.bottom > height)
        problems.push('the notifications leave the window');
      const primaries = '.app-header button, .view-actions button, .pin-row button, .upload button';
      for (const primary of document.querySelectorAll(primaries)) {
        if (!shown(primary)) continue;
        let { left, right, top, bottom } = primary.getBoundingClientRect();
        for (let clip = primary.parentElement; clip; clip = clip.parentElement) {
          const style = getComputedStyle(clip);
          if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
          const area = clip.getBoundingClientRect();
          left = Math.max(left, area.left);
          right = Math.min(right, area.right);
          top = Math.max(top, area.top);
          bottom = Math.min(bottom, area.bottom);
        }
        const overlaps = left < toasts.right && right > toasts.left && top < toasts.bottom && bottom > toasts.top;
        if (left < right && top < bottom && overlaps) problems.push(`the notifications cover ${describe(primary)}`);
      }
    }

    // Tables: each header starts where its column's cells start.
    for (const table of document.querySelectorAll('table, [role="grid"]')) {
      if (!shown(table)) continue;
      const headers = [...table.querySelectorAll('[role="columnheader"], thead th')].filter(shown);
      const firstRow = [...table.querySelectorAll('tbody tr, [role="row"]')].find(
        (row) => row.querySelector('td, [role="gridcell"]') && shown(row),
      );
      if (!firstRow || headers.length === 0) continue;
      const cells = [...firstRow.querySelectorAll(':scope > td, :scope > [role="gridcell"]')].filter(shown);
      if (cells.length !== headers.length) {
        problems.push(`${describe(table)} has ${headers.length} headers over ${cells.length} cells`);
        continue;
      }
      headers.forEach((header, index) => {
        const cell = cells[index];
        if (!cell) return;
        const drift = Math.abs(header.getBoundingClientRect().left - cell.getBoundingClientRect().left);
        if (drift > 2)
          problems.push(
            `${describe(table)}: header “${(header.textContent || '').trim()}” is ${Math.round(drift)} px off its cells`,
          );
      });
    }
    return problems;
  });
}
