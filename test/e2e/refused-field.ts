import { expect, type Locator } from '@playwright/test';

/** Main refused the value of `field`: it is marked, says why, keeps what was typed and has the focus. */
export async function expectRefusedAt(field: Locator, typed: string, reason: RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(reason);
  await expect(field).toHaveValue(typed);
  await expect(field).toBeFocused();
}
