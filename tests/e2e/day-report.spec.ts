import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { cstDateOf, parseCsv, readXlsxRows } from '../../shared/index';
import { lookUp, output, PASSWORD, saveWithKeyboard, signIn, typeLine, waitForSync } from './support/desk-page';
import { expect, hqForThisFile, test } from './support/fixtures';
import { dayReport, hqToken } from './support/hq-counts';

/**
 * Issue 4, the day at the desk and at HQ, and resident filing at the desk, end to end
 * against a real HQ: declarations saved at the desk, the desk's 当日统计 (tables, charts,
 * CSV and XLSX downloads), the console's 日报 with the same figures after sync, and 边民
 * search by certificate and by name with masked ID numbers.
 */
const env = hqForThisFile();
test.describe.configure({ mode: 'serial' });

async function declare(page: Page, certificateNo: string, hsCode: string, quantity: string, unitPrice: string): Promise<void> {
  await lookUp(page, certificateNo);
  await typeLine(page, 1, hsCode, quantity, unitPrice);
  await saveWithKeyboard(page);
}

const downloaded = async (download: Download) => readFileSync(await download.path());

/** The figures both screens must show for the three declarations below. */
async function expectTheDay(page: Page): Promise<void> {
  const report = page.getByTestId('day-report');
  await expect(report.getByTestId('day-tickets')).toHaveText('3');
  await expect(report.getByTestId('day-residents')).toHaveText('2');
  await expect(report.getByTestId('day-total')).toHaveText('¥1,200.00');
  const goods = report.getByTestId('day-goods-row');
  await expect(goods).toHaveCount(2);
  await expect(goods.nth(0)).toContainText('9403');
  await expect(goods.nth(0)).toContainText('¥900.00');
  await expect(goods.nth(1)).toContainText('0801');
  await expect(goods.nth(1)).toContainText('¥300.00');
  const points = report.getByTestId('day-point-row');
  await expect(points).toHaveCount(2);
  await expect(points.nth(0)).toContainText('DX-01');
  await expect(points.nth(0)).toContainText('¥1,100.00');
  await expect(points.nth(1)).toContainText('DX-02');
  await expect(points.nth(1)).toContainText('¥100.00');
  await expect(report.getByTestId('day-goods-chart-bar')).toHaveCount(2);
  await expect(report.getByTestId('day-point-chart-bar')).toHaveCount(2);
  await expect(report.getByTestId('day-trend-chart')).toBeVisible();
}

test('the day at the desk and in the console: tickets, residents, value by goods and point, charts, CSV and XLSX', async ({ openDesk }) => {
  const { hq, net } = env();
  const today = cstDateOf(Date.now());
  const desk = await openDesk('day-desk');
  const page = desk.page;
  await page.goto(net.url);
  await signIn(page, 'dx.officer1');
  await waitForSync(page);

  await page.locator('label.point select').selectOption('DX-01');
  await page.getByLabel('边民证号', { exact: true }).focus();
  await declare(page, 'DX000041', '0801', '10', '20');
  await declare(page, 'DX000042', '9403', '2', '450');
  await page.locator('label.point select').selectOption('DX-02');
  await page.getByLabel('边民证号', { exact: true }).focus();
  await declare(page, 'DX000041', '0801', '5', '20');
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 60_000 });

  // 当日统计 (Alt+S): the desk's own records.
  await page.keyboard.press('Alt+S');
  await expect(page.getByTestId('day-screen')).toBeVisible();
  await expect(page.getByTestId('day-date')).toHaveValue(today);
  await expectTheDay(page);
  // PageUp: the day before, which has none of these; PageDown: back.
  await expect(page.getByTestId('day-date')).toBeFocused();
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('day-tickets')).toHaveText('0');
  await expect(page.getByTestId('day-trend-chart')).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('day-tickets')).toHaveText('3');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('day-export-csv').click()]);
  expect(csv.suggestedFilename()).toBe(`day-report-DONGXING-${today}.csv`);
  const csvBytes = await downloaded(csv);
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(csvBytes.toString('utf8')).records.map((r) => r.fields);
  expect(rows).toContainEqual(['票数 Tickets', '3']);
  expect(rows).toContainEqual(['边民人数 Residents', '2']);
  expect(rows).toContainEqual(['总值（元） Total (CNY)', '1200']);
  expect(rows.find((r) => r[0] === '9403')?.slice(2, 4)).toEqual(['1', '900']);
  expect(rows.find((r) => r[0] === '0801')?.slice(2, 4)).toEqual(['2', '300']);
  expect(rows.find((r) => r[0] === 'DX-01')?.slice(2, 5)).toEqual(['2', '2', '1100']);
  expect(rows.find((r) => r[0] === 'DX-02')?.slice(2, 5)).toEqual(['1', '1', '100']);

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('day-export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toBe(`day-report-DONGXING-${today}.xlsx`);
  const sheet = readXlsxRows(new Uint8Array(await downloaded(xlsx)));
  expect(sheet.ok && sheet.data).toContainEqual(['票数 Tickets', '3']);

  // HQ holds the same, and the console's 日报 shows it.
  expect(await dayReport(hq.url, await hqToken(hq.url, 'dx.supervisor', 'e2e-day-report'), today)).toMatchObject({ declarations: 3, residents: 2, totalFen: 120_000 });
  const admin = await openDesk('day-console');
  const console = admin.page;
  await console.goto(`${net.url}/console/`);
  await console.getByLabel('用户名').fill('hq.admin');
  await console.getByLabel('密码').fill(PASSWORD);
  await console.getByRole('button', { name: '登录' }).click();
  await console.getByTestId('console-port-select').selectOption('DONGXING');
  await console.getByRole('tab', { name: '日报' }).click();
  await expect(console.getByTestId('console-day-date')).toHaveValue(today);
  await expectTheDay(console);
  await expect(console.getByText('金额均为总部核定')).toBeVisible();
  const [fromHq] = await Promise.all([console.waitForEvent('download'), console.getByTestId('day-export-csv').click()]);
  const hqRows = parseCsv((await downloaded(fromHq)).toString('utf8')).records.map((r) => r.fields);
  expect(hqRows.filter((r) => r[0] !== '总部已核 Assessed at HQ')).toEqual(rows.filter((r) => r[0] !== '总部已核 Assessed at HQ'));

  // Esc goes back to the entry screen.
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('边民证号', { exact: true })).toBeVisible();
});

test('边民: found by certificate and by name, ID numbers masked in the list, whole in the detail; Enter declares for them', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('residents-desk');
  const page = desk.page;
  await page.goto(net.url);
  await signIn(page, 'dx.officer2');
  await waitForSync(page);

  await page.keyboard.press('Alt+B');
  const search = page.getByTestId('resident-search');
  await expect(search).toBeFocused();
  await page.keyboard.type('dx000043');
  const rows = page.getByTestId('resident-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('DX000043');
  await expect(rows.first()).toContainText('有效');
  const masked = (await rows.first().getByTestId('resident-row-id').textContent()) ?? '';
  expect(masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  const name = (await rows.first().locator('span').nth(1).textContent()) ?? '';
  expect(name.length).toBeGreaterThan(0);

  await search.fill(name);
  const byName = rows.filter({ hasText: 'DX000043' });
  await expect(byName).toHaveCount(1);
  await expect(byName.getByTestId('resident-row-id')).toHaveText(masked);
  for (const id of await rows.getByTestId('resident-row-id').allTextContents()) expect(id).toContain('********');

  // The expired and the suspended resident show their status as of today.
  await search.fill('DX90000');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'DX900001' })).toContainText('已过期');
  await expect(rows.filter({ hasText: 'DX900002' })).toContainText('已暂停');

  // ↑↓ move the selection through the list.
  await search.fill('DX00004');
  await expect(rows).toHaveCount(10);
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(2)).toContainText('DX000042');
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  await search.fill('DX000043');
  await expect(rows).toHaveCount(1);
  // Esc in the detail closes it and stays on 边民; Enter opens it again.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('resident-detail')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('resident-detail')).toHaveCount(0);
  await expect(search).toBeFocused();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('resident-detail');
  await expect(detail).toBeVisible();
  const full = (await detail.getByTestId('resident-detail-id').textContent()) ?? '';
  expect(full).toMatch(/^\d{17}[\dX]$/);
  expect(full.slice(0, 6)).toBe(masked.slice(0, 6));
  expect(full.slice(-4)).toBe(masked.slice(-4));
  await expect(page.getByTestId('resident-declare')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('边民证号', { exact: true })).toHaveValue('DX000043');
  await expect(page.getByRole('combobox', { name: '商品编码 1', exact: true })).toBeFocused();
});
