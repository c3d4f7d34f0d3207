import type { Page } from '@playwright/test';
import { ADMIN_PATHS, cstDateOf, type GoodsList, RESIDENT_ADMIN_PATHS, type ResidentImportAnswer } from '../../shared/index';
import { lookUp, output, saveWithKeyboard, signIn, todayRows, typeLine, waitForSync } from './support/desk-page';
import { expect, hqForThisFile, test } from './support/fixtures';
import { dayReport, hqToken, pullEverything } from './support/hq-counts';

/**
 * Issue 4 (mutual-market trade), end to end against a real HQ. The administrator's calls
 * go to HQ directly (not through the network switch), as HQ's own staff reach it while
 * the yard's link is down.
 */
const env = hqForThisFile();
test.describe.configure({ mode: 'serial' });

async function adminGet<T>(path: string): Promise<T> {
  const { hq } = env();
  const token = await hqToken(hq.url, 'hq.admin', 'e2e-market-admin');
  const res = await fetch(`${hq.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

async function adminPost(path: string, body: unknown): Promise<Response> {
  const { hq } = env();
  const token = await hqToken(hq.url, 'hq.admin', 'e2e-market-admin');
  return fetch(`${hq.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

test('a negative-list change made at HQ while a desk is offline flags the affected declaration after sync, on both sides', async ({
  openDesk,
}) => {
  const { hq, net } = env();
  const today = cstDateOf(Date.now());
  const desk = await openDesk('negative-list');
  const page = desk.page;
  await page.goto(net.url);
  await signIn(page, 'dx.officer1');
  await waitForSync(page);

  // Offline, the desk still works from list version 1, where wooden furniture is allowed.
  await desk.context.setOffline(true);
  await expect(page.getByText('离线', { exact: true })).toBeVisible();
  await lookUp(page, 'DX000031');
  await typeLine(page, 1, '9403', '2', '450');
  await expect(page.getByText(/负面清单上/)).toHaveCount(0);
  await expect(output(page, '总价')).toHaveText('¥900.00');
  await saveWithKeyboard(page);
  await expect(output(page, '待同步')).toHaveText('1');
  const row = todayRows(page).filter({ hasText: 'DX000031' });
  await expect(row).toHaveCount(1);
  await expect(row).not.toContainText('已标记');

  // Meanwhile HQ publishes version 2 of the goods list, effective today: wooden furniture
  // (9403) moves to the negative list.
  const { goodsLists } = await adminGet<{ goodsLists: GoodsList[] }>(ADMIN_PATHS.reference('DONGXING'));
  const latest = goodsLists.reduce((a, b) => (b.version > a.version ? b : a));
  expect(latest.items.find((i) => i.hsCode === '9403')?.list).toBe('allowed');
  const published = await adminPost(ADMIN_PATHS.goodsLists('DONGXING'), {
    effectiveFrom: today,
    items: latest.items.map((item) => (item.hsCode === '9403' ? { ...item, list: 'negative' } : item)),
  });
  expect(published.status, await published.clone().text()).toBe(201);
  const newVersion = ((await published.json()) as { record: GoodsList }).record.version;
  expect(newVersion).toBe(latest.version + 1);

  // The network returns; the desk syncs by itself. HQ re-checks the declaration against
  // the list in force on its trade date, keeps it and flags it with the reason.
  await desk.context.setOffline(false);
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 60_000 });
  await expect(row).toContainText('已标记', { timeout: 30_000 });
  await expect(row).toContainText(`按 HQ 商品清单第 ${newVersion} 版：第1行：木家具（9403）在负面清单上`);
  await expect(output(page, '已标记')).toHaveText('1');

  // HQ holds it, once, flagged with the same reason.
  const supervisor = await hqToken(hq.url, 'dx.supervisor', 'e2e-market-report');
  const report = await dayReport(hq.url, supervisor, today);
  expect(report).toMatchObject({ declarations: 1, flagged: 1, totalFen: 90_000 });
  const atHq = await pullEverything(hq.url, await hqToken(hq.url, 'dx.supervisor', 'e2e-market-pull'));
  const held = [...atHq.records.declaration.values()].filter((d) => d.certificateNo === 'DX000031');
  expect(held).toHaveLength(1);
  expect(held[0]?.flags.map((f) => f.code)).toEqual(['goods_list_changed']);
  expect(held[0]?.flags[0]?.messageEn).toContain(`Under HQ goods list v${newVersion}`);
  expect(held[0]?.flags[0]?.messageEn).toContain('Wooden furniture (9403) is on the negative list');

  // The desk now has the new version: the same goods are refused before saving.
  await lookUp(page, 'DX000032');
  await typeLine(page, 1, '9403', '1', '100');
  await expect(page.getByRole('alert').filter({ hasText: /^第1行：木家具（9403）在负面清单上/ })).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(output(page, '待同步')).toHaveText('0');
  await expect(todayRows(page)).toHaveCount(1);
});

/** Every key the test sends, counted: one per press, one per character typed. */
class Keyboard {
  count = 0;
  constructor(private readonly page: Page) {}
  async press(key: string): Promise<void> {
    this.count += 1;
    await this.page.keyboard.press(key);
  }
  async type(text: string): Promise<void> {
    this.count += [...text].length;
    await this.page.keyboard.type(text);
  }
}

test('a repeat declaration (known resident, one goods line from their recent goods) takes at most 15 keystrokes and no mouse', async ({
  openDesk,
}) => {
  const { net } = env();
  const desk = await openDesk('keyboard-only');
  const page = desk.page;
  await page.goto(net.url);
  // Any pointer use in the page would be counted here; the test sends none.
  await page.evaluate(() => {
    const w = window as unknown as { pointerUses: number };
    w.pointerUses = 0;
    for (const type of ['pointerdown', 'mousedown', 'click']) {
      window.addEventListener(type, (e) => {
        if ((e as MouseEvent).detail > 0 || type !== 'click') w.pointerUses += 1;
      }, true);
    }
  });
  const keys = new Keyboard(page);

  // Sign-in, keyboard only (not counted: it is not part of a declaration).
  await expect(page.getByLabel('用户名', { exact: true })).toBeFocused();
  await keys.type('dx.officer2');
  await keys.press('Tab');
  await keys.type('borderdesk');
  await keys.press('Enter');
  await waitForSync(page);
  const cert = page.getByLabel('边民证号', { exact: true });
  await expect(cert).toBeFocused();

  // The resident's first declaration today, typed in full: bananas, then nuts.
  await keys.type('DX000041');
  await keys.press('Enter');
  await typeLine(page, 1, '0803', '50', '20');
  await typeLine(page, 2, '0801', '10', '30');
  await saveWithKeyboard(page);
  const rows = todayRows(page).filter({ hasText: 'DX000041' });
  await expect(rows).toHaveCount(1);

  // Repeat 1: the first recent goods is bananas at ¥20 — Enter picks it, the quantity is typed.
  keys.count = 0;
  await keys.type('DX000041');
  await keys.press('Enter');
  const recent = page.getByRole('region', { name: '最近商品' });
  await expect(recent.getByRole('listitem')).toHaveCount(2);
  await expect(recent.getByRole('listitem').first()).toContainText('0803');
  await expect(page.getByRole('combobox', { name: '商品编码 1', exact: true })).toBeFocused();
  await keys.press('Enter');
  await expect(page.getByLabel('数量 1', { exact: true })).toBeFocused();
  await expect(page.getByLabel('单价（元） 1', { exact: true })).toHaveValue('20');
  await keys.type('60');
  await expect(output(page, '总价')).toHaveText('¥1,200.00');
  await keys.press('Control+Enter');
  await expect(page.getByText(/^已保存/)).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('¥1,200.00');
  expect(keys.count).toBeLessThanOrEqual(15);
  const counts = [keys.count];

  // Repeat 2: the second recent goods (nuts at ¥30) — ↓ then Enter.
  keys.count = 0;
  await expect(cert).toBeFocused();
  await keys.type('DX000041');
  await keys.press('Enter');
  await expect(recent.getByRole('listitem').nth(1)).toContainText('0801');
  await expect(page.getByRole('combobox', { name: '商品编码 1', exact: true })).toBeFocused();
  await keys.press('ArrowDown');
  await keys.press('Enter');
  await expect(page.getByLabel('单价（元） 1', { exact: true })).toHaveValue('30');
  await keys.type('12');
  await keys.press('Control+Enter');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('¥360.00');
  expect(keys.count).toBeLessThanOrEqual(15);
  counts.push(keys.count);

  // Repeat 3: Alt+2 picks the second recent goods directly (now bananas: nuts were declared last).
  keys.count = 0;
  await expect(cert).toBeFocused();
  await keys.type('DX000041');
  await keys.press('Enter');
  await expect(recent.getByRole('listitem').first()).toContainText('0801');
  await keys.press('Alt+2');
  await expect(page.getByLabel('数量 1', { exact: true })).toBeFocused();
  await expect(page.getByRole('combobox', { name: '商品编码 1', exact: true })).toHaveValue('0803');
  await keys.type('5');
  await keys.press('Control+Enter');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('¥100.00');
  expect(keys.count).toBeLessThanOrEqual(15);

  counts.push(keys.count);
  console.log(`repeat declarations took ${counts.join(', ')} keystrokes`);
  expect(await page.evaluate(() => (window as unknown as { pointerUses: number }).pointerUses)).toBe(0);
});

test('resident import with bad rows: each named with its reason, the good rows filed and found at the desk after sync', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('resident-import');
  const page = desk.page;
  await page.goto(net.url);
  await signIn(page, 'dx.officer1');
  await waitForSync(page);

  const csv = [
    '姓名,身份证号,边民证号,乡镇,村,有效期起,有效期止,状态,备注',
    '梁振华,450681198005170019,DX800001,东兴镇,竹山村,2025-01-01,2030-12-31,有效,新备案',
    '罗小红,450681198005170017,DX800002,东兴镇,竹山村,2025-01-01,2030-12-31,有效,',
    '周世平,450681198005170035,DX000001,江平镇,万尾村,2025-01-01,2030-12-31,有效,',
    '莫玉珍,450681198005170051,DX800004,江平镇,万尾村,2031-01-01,2030-12-31,有效,',
    '卢家宝,=1+1,DX800005,马路镇,马路村,2025-01-01,2030-12-31,有效,',
  ].join('\r\n');
  const res = await adminPost(RESIDENT_ADMIN_PATHS.importResidents('DONGXING'), { format: 'csv', fileName: '边民备案.csv', content: csv });
  expect(res.status, await res.clone().text()).toBe(200);
  const answer = (await res.json()) as ResidentImportAnswer;
  expect(answer).toMatchObject({ written: true, rowCount: 5, added: 1, badRowCount: 4, ignoredColumns: ['备注'] });
  expect(answer.badRows.map((r) => [r.row, r.errors.map((e) => `${e.column}：${e.message.zh}`).join('；')])).toEqual([
    [3, '身份证号：身份证号校验码不符或出生日期无效'],
    [4, '边民证号：边民证号 DX000001 已备案给另一边民'],
    [5, '有效期止：有效期止早于有效期起'],
    [6, '身份证号：以 = + - @ 开头的内容可能是公式注入，已拒绝'],
  ]);

  // The desk receives the one good row at its next sync; a refused row never reaches it.
  await page.getByRole('button', { name: '立即同步' }).click();
  await waitForSync(page);
  await page.getByLabel('边民证号', { exact: true }).focus();
  await lookUp(page, 'DX800001');
  await expect(page.getByRole('region', { name: '姓名' })).toContainText('梁振华');
  await expect(page.getByRole('region', { name: '姓名' })).toContainText('450681********0019');
  await page.getByLabel('边民证号', { exact: true }).focus();
  await lookUp(page, 'DX800002');
  await expect(page.getByRole('alert')).toContainText('找不到该边民证号');
});
