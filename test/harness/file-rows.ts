import type { Locator, Page } from '@playwright/test';

/** The Files grid showing `folder`. */
export function filesGrid(page: Page, folder = '/'): Locator {
  return page.getByRole('grid', { name: `Files in ${folder}` });
}

/**
 * The row of the entry called `name`, whose accessible name starts with it. A bare pattern would
 * also match any row that merely contains it: in another entry's name or CID (`ten` once matched
 * the row of `by-path-1.bin`, whose CID contained it).
 */
export function fileRow(page: Page, name: string, folder = '/'): Locator {
  return filesGrid(page, folder).getByRole('row', { name: new RegExp(`^${escapeRegExp(name)} `) });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
