import type { Page } from '@playwright/test';
import { addDays, cstDateOf } from '../../shared/index';
import { output, PASSWORD, signIn, waitForSync } from './support/desk-page';
import { expect, hqForThisFile, test } from './support/fixtures';

/**
 * Issue 5, end to end against a real HQ: a summary declaration (两步申报) made while HQ is
 * out of reach, a customs receipt posted at HQ over HTTP, and the desk showing the new
 * state after its next sync; an entry past its full-declaration deadline in the overdue
 * view with its late-fee estimate, which follows a new policy version published in HQ's
 * console.
 */
const env = hqForThisFile();

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 30_000 });
  await expect(page.getByRole('progressbar', { name: '同步中' })).toHaveCount(0, { timeout: 30_000 });
}

/** Opens the two-step screen from the keyboard, then a new entry with Alt+N. */
async function newEntry(page: Page): Promise<void> {
  if ((await page.getByTestId('ts-new').count()) === 0) await page.keyboard.press('Alt+t');
  await expect(page.getByTestId('ts-new')).toBeVisible();
  await page.keyboard.press('Alt+n');
  await expect(page.getByTestId('ts-consignee-name')).toBeFocused();
}

/** Types a complete summary declaration, field after field with Enter, and declares it with Ctrl+Enter. */
async function declareSummary(page: Page, entry: { bill: string; declaredOn: string; valueYuan: string }): Promise<void> {
  await newEntry(page);
  await page.keyboard.type('东兴市边贸进出口有限公司');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ts-credit-code')).toBeFocused();
  await page.keyboard.type('91350100M000100Y43');
  await page.getByTestId('ts-transport-name').fill('桂P12345');
  await page.getByTestId('ts-declared-on').fill(entry.declaredOn);
  await page.getByTestId('ts-bill').fill(entry.bill);
  await page.getByTestId('ts-line-0-hs').fill('080111');
  await page.getByTestId('ts-line-0-name').fill('干椰子');
  await page.getByTestId('ts-line-0-qty').fill('2000');
  await page.getByTestId('ts-line-0-value').fill(entry.valueYuan);
  await page.getByTestId('ts-line-0-kg').fill('2100');
  await page.getByTestId('ts-line-0-kg').press('Control+Enter');
  await expect(page.getByTestId('ts-problems')).toHaveCount(0);
  await expect(page.getByTestId('ts-new')).toBeVisible();
}

async function adminToken(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'hq.admin', password: PASSWORD, deviceId: 'e2e-customs-link' }),
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

test('a summary declared offline gets its customs receipt at HQ, and the desk shows the new state after sync', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('two-step-receipt');
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer1');
  await waitForSync(desk.page);

  net.down();
  const today = cstDateOf(new Date());
  await declareSummary(desk.page, { bill: 'DXE2E0001', declaredOn: today, valueYuan: '30000' });
  const row = desk.page.getByTestId('ts-row').filter({ hasText: 'DXE2E0001' });
  await expect(row.getByTestId('ts-status')).toHaveText('已概要申报');
  // Made offline: the desk holds it, counts down from today (due in 14 days), and waits to send it.
  await expect(row.getByTestId('ts-countdown')).toHaveText('剩 14 天');
  await expect(output(desk.page, '待同步')).toHaveText('2');

  net.up();
  await syncNow(desk.page);
  const entryId = await row.getAttribute('data-entry-id');
  expect(entryId).not.toBeNull();

  // The customs system's receipts reach HQ: accepted with an entry number, then reviewed.
  const token = await adminToken(net.url);
  const at = new Date().toISOString();
  const receipts = [
    { id: crypto.randomUUID(), portId: 'DONGXING', entryId, code: 'SpL', at, entryNo: '720120261000000017' },
    { id: crypto.randomUUID(), portId: 'DONGXING', entryId, code: 'SpJ', at },
  ];
  const posted = await fetch(`${net.url}/api/v1/receipts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ receipts }),
  });
  expect(posted.status).toBe(200);
  const answer = (await posted.json()) as { results: { status: string; seq: number | null }[] };
  expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied']);

  await syncNow(desk.page);
  const reviewed = desk.page.getByTestId('ts-row').filter({ hasText: '720120261000000017' });
  await expect(reviewed.getByTestId('ts-status')).toHaveText('概要申报已审结');

  // The yard's officer records arrival and the release at the gate (卡口验放), from the keyboard.
  await desk.page.getByTestId('ts-list').focus();
  await desk.page.keyboard.press('ArrowDown');
  await expect(desk.page.getByTestId('ts-event-record_arrival')).toBeVisible();
  await desk.page.keyboard.press('a');
  await expect(desk.page.getByTestId('ts-event-release')).toBeVisible();
  await desk.page.keyboard.press('g');
  await expect(reviewed.getByTestId('ts-status')).toHaveText('准予提离');
  await syncNow(desk.page);
  await desk.page.getByTestId('ts-tab-timing').click();
  await expect(desk.page.getByTestId('ts-timing-entries')).toContainText('720120261000000017');
  await expect(desk.page.getByTestId('ts-timing-chart')).toBeVisible();
  await desk.close();
});

test('an entry past its full-declaration deadline is in the overdue view with its late-fee estimate', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('two-step-overdue');
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer2');
  await waitForSync(desk.page);

  // Transport declared 20 days ago (CST): due 6 days ago, the fee runs from day 15, 6 days
  // to today: 30,000 yuan × 0.5‰ × 6 = 90 yuan (above the RMB 50 minimum).
  const today = cstDateOf(new Date());
  await declareSummary(desk.page, { bill: 'DXE2ELATE', declaredOn: addDays(today, -20), valueYuan: '30000' });
  await syncNow(desk.page);
  await desk.page.keyboard.press('Alt+3');
  await expect(desk.page.getByTestId('ts-tab-overdue')).toHaveAttribute('aria-selected', 'true');
  const late = desk.page.getByTestId('ts-row').filter({ hasText: 'DXE2ELATE' });
  await expect(late.getByTestId('ts-countdown')).toHaveText('逾期 6 天');
  await expect(late.getByTestId('ts-fee')).toHaveText('¥90.00');
  // Not in the due-soon view.
  await desk.page.keyboard.press('Alt+2');
  await expect(desk.page.getByTestId('ts-row').filter({ hasText: 'DXE2ELATE' })).toHaveCount(0);

  // HQ's console publishes a new two-step policy version (0.6‰ a day, from today); the
  // desk's estimate follows at its next pull: 30,000 × 0.6‰ × 6 = 108 yuan.
  const admin = await openDesk('two-step-console');
  const console = admin.page;
  await console.goto(`${net.url}/console/`);
  await console.getByLabel('用户名').fill('hq.admin');
  await console.getByLabel('密码').fill(PASSWORD);
  await console.getByRole('button', { name: '登录' }).click();
  await expect(console.getByTestId('console-port-select')).toBeVisible();
  await console.getByTestId('console-port-select').selectOption('DONGXING');
  await console.getByRole('tab', { name: '两步申报' }).click();
  const form = console.getByRole('form', { name: '发布两步申报参数新版本' });
  await expect(form.getByLabel('完整申报期限（天）')).toHaveValue('14');
  await form.getByLabel('滞报金日费率（‰）').fill('0.6');
  await form.getByLabel('生效日期').fill(today);
  await form.getByRole('button', { name: '发布新版本' }).click();
  await expect(console.getByText(/已发布第 2 版/)).toBeVisible();
  await admin.close();

  await syncNow(desk.page);
  await desk.page.keyboard.press('Alt+3');
  await expect(desk.page.getByTestId('ts-row').filter({ hasText: 'DXE2ELATE' }).getByTestId('ts-fee')).toHaveText('¥108.00');
  await desk.close();
});

/**
 * A zone whose calendar date differs from China's right now, where one exists: UTC−8 is
 * a day behind China from 16:00 to 08:00 UTC, UTC+14 a day ahead from 10:00 to 16:00 UTC.
 */
function zoneOffChinasDate(now: Date): string {
  const hour = now.getUTCHours();
  return hour >= 10 && hour < 16 ? 'Pacific/Kiritimati' : 'America/Los_Angeles';
}

test('a desk whose clock zone is not China’s counts the deadline in China Standard Time', async ({ openDesk }) => {
  const { net } = env();
  const zone = zoneOffChinasDate(new Date());
  const desk = await openDesk('two-step-zone', { timezoneId: zone });
  await desk.page.goto(net.url);
  const localDate = await desk.page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  const today = cstDateOf(new Date());
  // Between 08:00 and 10:00 UTC every zone's date is China's; the rest of the day this
  // test would catch a desk counting in its own zone.
  if (new Date().getUTCHours() < 8 || new Date().getUTCHours() >= 10) expect(localDate).not.toBe(today);
  await signIn(desk.page, 'dx.officer1');
  await waitForSync(desk.page);

  // Transport declared 14 CST days ago: today is the last day; 15 days ago: one day late.
  await declareSummary(desk.page, { bill: 'DXE2EZONE14', declaredOn: addDays(today, -14), valueYuan: '1000' });
  await declareSummary(desk.page, { bill: 'DXE2EZONE15', declaredOn: addDays(today, -15), valueYuan: '1000' });
  await desk.page.keyboard.press('Alt+1');
  await expect(desk.page.getByTestId('ts-row').filter({ hasText: 'DXE2EZONE14' }).getByTestId('ts-countdown')).toHaveText('今天截止');
  await expect(desk.page.getByTestId('ts-row').filter({ hasText: 'DXE2EZONE15' }).getByTestId('ts-countdown')).toHaveText('逾期 1 天');
  await desk.close();
});
