import { expect, type Page } from '@playwright/test';

/** What an officer does at the desk, through the labels a user sees (zh-CN). */
export const PASSWORD = 'borderdesk';

export function output(page: Page, name: string) {
  return page.getByRole('status', { name, exact: true });
}

export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  const user = page.getByLabel('用户名', { exact: true });
  if ((await user.inputValue()) !== username) await user.fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByLabel('边民证号', { exact: true })).toBeVisible();
}

/** Waits until the desk has synced once (reference data, residents) since it opened. */
export async function waitForSync(page: Page): Promise<void> {
  await expect(output(page, '上次同步')).not.toHaveText('从未', { timeout: 60_000 });
  await expect(page.getByRole('progressbar', { name: '同步中' })).toHaveCount(0, { timeout: 60_000 });
}

export async function lookUp(page: Page, certificateNo: string): Promise<void> {
  const field = page.getByLabel('边民证号', { exact: true });
  await expect(field).toBeFocused();
  await field.fill(certificateNo);
  await field.press('Enter');
}

/**
 * Types one goods line from its HS code field, with the keyboard only: the typeahead
 * picks on Enter, Enter moves on, Enter on the price of the last line adds a line.
 */
export async function typeLine(page: Page, n: number, hsCode: string, quantity: string, unitPrice: string): Promise<void> {
  const hs = page.getByRole('combobox', { name: `商品编码 ${n}`, exact: true });
  await expect(hs).toBeFocused();
  await page.keyboard.type(hsCode);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel(`数量 ${n}`, { exact: true })).toBeFocused();
  await page.keyboard.type(quantity);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel(`单价（元） ${n}`, { exact: true })).toBeFocused();
  await page.keyboard.type(unitPrice);
  await page.keyboard.press('Enter');
}

/** Saves with Ctrl+Enter and checks the form is ready for the next declaration. */
export async function saveWithKeyboard(page: Page): Promise<void> {
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(/^已保存/)).toBeVisible();
  await expect(page.getByLabel('边民证号', { exact: true })).toBeFocused();
  await expect(page.getByLabel('边民证号', { exact: true })).toHaveValue('');
}

export function todayRows(page: Page) {
  return page.getByRole('table', { name: '今日申报' }).locator('tbody tr');
}
