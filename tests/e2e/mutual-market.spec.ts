import { ADMIN_PATHS, cstDateOf, type GoodsList } from '../../shared/index';
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
