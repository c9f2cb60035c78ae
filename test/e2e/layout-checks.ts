import type { Page } from '@playwright/test';

/** Colours in the page: any CSS colour as RGBA, layering, WCAG contrast, and what an element shows on. */
function colourTools() {
  const paint = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const rgba = (colour: string): number[] => {
    if (!paint) return [0, 0, 0, 1];
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = colour;
    paint.fillRect(0, 0, 1, 1);
    const [red = 0, green = 0, blue = 0, alpha = 0] = paint.getImageData(0, 0, 1, 1).data;
    return [red, green, blue, alpha / 255];
  };
  const over = (top: number[], bottom: number[], alpha: number) =>
    [0, 1, 2].map((index) => (top[index] ?? 0) * alpha + (bottom[index] ?? 0) * (1 - alpha));
  const luminance = (colour: number[]) => {
    const [red = 0, green = 0, blue = 0] = colour.map((value) => {
      const channel = value / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  };
  const ratio = (one: number[], other: number[]) => {
    const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a);
    return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
  };
  const backgroundOf = (element: Element) => {
    const layers: number[][] = [];
    for (let box: Element | null = element; box; box = box.parentElement) {
      const colour = rgba(getComputedStyle(box).backgroundColor);
      if ((colour[3] ?? 0) > 0) layers.push(colour);
      if ((colour[3] ?? 0) >= 1) break;
    }
    return layers.reduceRight((below, layer) => over(layer, below, layer[3] ?? 1), rgba('Canvas'));
  };
  const opacityOf = (element: Element) => {
    let opacity = 1;
    for (let box: Element | null = element; box; box = box.parentElement)
      opacity *= Number(getComputedStyle(box).opacity);
    return opacity;
  };
  return { rgba, over, ratio, backgroundOf, opacityOf };
}

type ColourTools = ReturnType<typeof colourTools>;

/**
 * Runs `check` in the page with the colour tools at hand. Page functions cross as their source, so
 * the tools go with the check as text (evaluated through DevTools, which the page's CSP allows).
 */
async function withColour<Result>(page: Page, check: (colour: ColourTools) => Result): Promise<Result> {
  return page.evaluate<Result>(`(${check.toString()})((${colourTools.toString()})())`);
}

/** What is wrong with the page's layout now, one sentence a problem; empty when all is well. */
export function layoutProblems(page: Page): Promise<string[]> {
  return withColour(page, (colour) => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    const describe = (element: Element) => {
      const label = (element as HTMLInputElement).labels?.[0]?.textContent;
      const name = element.getAttribute('aria-label') ?? (label ?? element.textContent).trim().slice(0, 40);
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

    // Sideways, a scroll area's rows count too: it scrolls only up and down.
    for (const element of document.querySelectorAll('body *')) {
      if (!shown(element) || element.closest('.visually-hidden, .nav-label') !== null) continue;
      const style = getComputedStyle(element);
      const sideways = element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0;
      if (!sideways) continue;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll')
        problems.push(`${describe(element)} scrolls sideways (${element.scrollWidth} > ${element.clientWidth})`);
      else if (style.overflowX === 'visible' && style.display !== 'inline')
        problems.push(`${describe(element)} spills over its box (${element.scrollWidth} > ${element.clientWidth})`);
      // Cut at its edge with no ellipsis: the reader cannot even tell that something is missing.
      else if (
        /hidden|clip/.test(style.overflowX) &&
        style.textOverflow !== 'ellipsis' &&
        !element.matches('input, textarea, select') &&
        // A box of 1 px is text kept for screen readers only (the visually-hidden idiom), not cut.
        element.clientWidth > 1
      )
        problems.push(`${describe(element)} cuts its content off (${element.scrollWidth} > ${element.clientWidth})`);
    }

    // Text cut short with an ellipsis can be read in full on hover: a title on it or close around it.
    const titled = (element: Element) => {
      for (let box: Element | null = element, depth = 0; box && depth < 3; box = box.parentElement, depth += 1)
        if (box.getAttribute('title')) return true;
      return false;
    };
    for (const element of document.querySelectorAll('body *')) {
      if (!shown(element) || exempt(element) || getComputedStyle(element).textOverflow !== 'ellipsis') continue;
      if (element.scrollWidth <= element.clientWidth + 1) continue;
      if (!titled(element)) problems.push(`${describe(element)} is cut short with no title to read it in full`);
    }

    // Contrast, whichever theme is on: text (dimmed by any opacity around it) and placeholders, 4.5:1
    // on the background they show on, 3:1 for large text; disabled controls are exempt.
    const { rgba, over, ratio, backgroundOf, opacityOf } = colour;
    const tooFaint = (element: Element, colour: string, what: string) => {
      const style = getComputedStyle(element);
      const background = backgroundOf(element);
      const text = rgba(colour);
      const seen = over(text, background, (text[3] ?? 1) * opacityOf(element));
      const size = parseFloat(style.fontSize);
      const needed = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66) ? 3 : 4.5;
      const contrast = ratio(seen, background);
      if (contrast < needed)
        problems.push(`${what} of ${describe(element)} has a contrast of ${contrast.toFixed(2)}:1`);
    };
    for (const element of document.querySelectorAll('body *')) {
      if (!shown(element) || exempt(element) || element.closest(':disabled, [aria-disabled="true"]')) continue;
      const ownText = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
      );
      if (ownText) tooFaint(element, getComputedStyle(element).color, 'the text');
      if (element.matches(':placeholder-shown'))
        tooFaint(element, getComputedStyle(element, '::placeholder').color, 'the placeholder');
    }

    // Fields: where a field is (WCAG 1.4.11) shows at 3:1 against what is around it, by its border or its fill.
    const fields = 'input:not([type="checkbox"], [type="radio"], [type="range"], [type="file"]), select, textarea';
    for (const field of document.querySelectorAll(fields)) {
      if (!shown(field) || exempt(field) || (field as HTMLInputElement).disabled) continue;
      const style = getComputedStyle(field);
      const around = backgroundOf(field.parentElement ?? field);
      const fill = backgroundOf(field);
      const border = rgba(style.borderTopColor);
      const drawn = style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) >= 1;
      const edge = drawn ? ratio(over(border, fill, border[3] ?? 1), around) : 1;
      const contrast = Math.max(edge, ratio(fill, around));
      const label = (field as HTMLInputElement).labels?.[0]?.textContent.trim() ?? field.getAttribute('aria-label');
      if (contrast < 3)
        problems.push(`the edge of the field “${label ?? describe(field)}” has a contrast of ${contrast.toFixed(2)}:1`);
    }

    // Fields: each shows what it is for (WCAG 3.3.2), by a label on screen, not only a name read out.
    for (const field of document.querySelectorAll('input:not([type="hidden"]), select, textarea')) {
      if (!shown(field) || exempt(field)) continue;
      const labels = [...((field as HTMLInputElement).labels ?? [])];
      const labelledBy = (field.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id));
      const seen = [...labels, ...labelledBy].some(
        (label) => label && shown(label) && !exempt(label) && label.textContent.trim(),
      );
      if (!seen) problems.push(`the field “${field.getAttribute('aria-label') ?? describe(field)}” shows no label`);
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

    // A box with its label: a label that wraps as a line of text runs into the controls after it.
    for (const label of document.querySelectorAll('label:has(input[type="checkbox"], input[type="radio"])')) {
      if (!shown(label) || exempt(label) || getComputedStyle(label).display !== 'inline') continue;
      if (label.getClientRects().length > 1)
        problems.push(`${describe(label)} wraps as a line of text around other controls`);
    }

    // Rows named by a header cell (facts): the name and its value start on one line, sharing a baseline.
    const firstLine = (element: Element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) => (node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
      });
      const text = walker.nextNode();
      if (!text) return null;
      const range = document.createRange();
      range.selectNodeContents(text);
      return range.getClientRects()[0] ?? null;
    };
    for (const name of document.querySelectorAll('tr > th[scope="row"]')) {
      const value = name.nextElementSibling;
      if (!value || !shown(name) || !shown(value)) continue;
      const [nameLine, valueLine] = [firstLine(name), firstLine(value)];
      if (!nameLine || !valueLine) continue;
      const drift = Math.abs(nameLine.bottom - valueLine.bottom);
      if (drift > 3)
        problems.push(`${describe(name)}: its value's first line is ${Math.round(drift)} px off the name's`);
    }

    // Targets (WCAG 2.5.8): what a pointer presses is 24×24 px or more. A field counts with its labels
    // (pressing them presses it), and a link inside a sentence is exempt.
    const targets = 'button, summary, select, input:not([type="hidden"]), a[href], [role="menuitem"], [role="tab"]';
    for (const target of document.querySelectorAll(targets)) {
      if (!shown(target) || exempt(target)) continue;
      const inSentence = target.matches('a') && getComputedStyle(target).display === 'inline';
      if (inSentence) continue;
      const pressed = [target, ...((target as HTMLInputElement).labels ?? [])].filter(shown);
      const boxes = pressed.map((element) => element.getBoundingClientRect());
      const across = Math.max(...boxes.map((box) => box.right)) - Math.min(...boxes.map((box) => box.left));
      const down = Math.max(...boxes.map((box) => box.bottom)) - Math.min(...boxes.map((box) => box.top));
      if (across < 24 - 0.5 || down < 24 - 0.5)
        problems.push(`${describe(target)} is a target of ${Math.round(across)}×${Math.round(down)} px`);
    }

    // Text cut at its foot: a box that clips its overflow holds all its lines, unless it clamps them to a
    // few with an ellipsis and has a title to read them in full.
    for (const element of document.querySelectorAll('body *')) {
      if (!shown(element) || exempt(element) || element.matches('input, textarea, select')) continue;
      const style = getComputedStyle(element);
      if (!/hidden|clip/.test(style.overflowY) || element.clientHeight <= 1) continue;
      if (element.scrollHeight <= element.clientHeight + 1) continue;
      if (style.webkitLineClamp === 'none' || style.webkitLineClamp === '')
        problems.push(`${describe(element)} cuts its lines off (${element.scrollHeight} > ${element.clientHeight})`);
      else if (!titled(element)) problems.push(`${describe(element)} is clamped with no title to read it in full`);
    }

    // Icons (WCAG 1.4.11): an icon that is all a control shows is a graphic that must show at 3:1.
    for (const icon of document.querySelectorAll('button svg, [role="menuitem"] svg, summary svg')) {
      const control = icon.closest('button, [role="menuitem"], summary');
      if (!control || !shown(icon) || exempt(icon) || control.closest(':disabled, [aria-disabled="true"]')) continue;
      if ((control.textContent || '').trim() && !control.querySelector('.visually-hidden, .narrow-hidden')) continue;
      const background = backgroundOf(icon);
      const stroke = rgba(getComputedStyle(icon).color);
      const contrast = ratio(over(stroke, background, (stroke[3] ?? 1) * opacityOf(icon)), background);
      if (contrast < 3) problems.push(`the icon of ${describe(control)} has a contrast of ${contrast.toFixed(2)}:1`);
    }
    return problems;
  });
}

/**
 * Presses `key` (Tab, or an arrow inside a menu) `steps` times from where the focus is; for each control
 * reached, whether its focus ring shows: an outline at all, at 3:1 against what it is drawn on in both
 * themes, and not cut by a box that clips without scrolling (overflow hidden or clip). Empty when every
 * ring shows whole.
 */
export async function focusRingProblems(page: Page, steps: number, key = 'Tab'): Promise<string[]> {
  const problems = new Set<string>();
  for (let step = 0; step < steps; step += 1) {
    await page.keyboard.press(key);
    const found = await withColour(page, ({ rgba, ratio, backgroundOf }) => {
      const control = document.activeElement;
      if (!control || control === document.body) return [];
      const name = control.getAttribute('aria-label') ?? (control.textContent || '').trim().slice(0, 40);
      const what = `<${control.tagName.toLowerCase()}> “${name}”`;
      const style = getComputedStyle(control);
      const width = parseFloat(style.outlineWidth);
      if (style.outlineStyle === 'none' || !(width >= 1)) return [`${what} shows no focus ring`];
      const offset = parseFloat(style.outlineOffset || '0');
      // Drawn outside the control, the ring shows on what is around it; drawn inside, on the control.
      const under = offset + width <= 0 ? control : (control.parentElement ?? control);
      const found: string[] = [];
      // Each theme in turn, pinned the way the app pins a chosen one, then put back before any frame.
      const root = document.documentElement;
      const chosen = root.getAttribute('data-theme');
      for (const theme of ['light', 'dark']) {
        root.setAttribute('data-theme', theme);
        const contrast = ratio(rgba(getComputedStyle(control).outlineColor), backgroundOf(under));
        if (contrast < 3) found.push(`the focus ring of ${what} has a contrast of ${contrast.toFixed(2)}:1 (${theme})`);
      }
      if (chosen === null) root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', chosen);
      const ring = width + offset;
      const box = control.getBoundingClientRect();
      for (let clip = control.parentElement; clip; clip = clip.parentElement) {
        const { overflowX, overflowY } = getComputedStyle(clip);
        if (overflowX === 'visible' && overflowY === 'visible') continue;
        // A scroll area can bring the whole ring into view; only boxes that never scroll cut it for good.
        if (!/hidden|clip/.test(overflowX + overflowY)) break;
        const area = clip.getBoundingClientRect();
        const cut =
          box.left - ring < area.left - 0.5 ||
          box.right + ring > area.right + 0.5 ||
          box.top - ring < area.top - 0.5 ||
          box.bottom + ring > area.bottom + 0.5;
        if (cut) found.push(`the focus ring of ${what} is cut by its box`);
        break;
      }
      return found;
    });
    for (const problem of found) problems.add(problem);
  }
  return [...problems];
}

/** Roles a person operates: each needs a name that a screen reader reads out. */
const CONTROL_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
]);

interface AxNode {
  ignored: boolean;
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
}

/** The controls Chromium's accessibility tree shows with no name, one sentence each; empty when all have one. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const unnamed = nodes.filter(
      (node) => !node.ignored && CONTROL_ROLES.has(node.role?.value ?? '') && !node.name?.value?.trim(),
    );
    const problems: string[] = [];
    for (const node of unnamed) {
      const { object } = (await session.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as {
        object: { description?: string };
      };
      problems.push(`a ${node.role?.value ?? 'control'} (${object.description ?? 'unknown element'}) has no name`);
    }
    return problems;
  } finally {
    await session.detach();
  }
}
