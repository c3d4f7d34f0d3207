import { cstDateOf } from '../../shared/index';
import { lookUp, output, saveWithKeyboard, signIn, todayRows, typeLine, waitForSync } from './support/desk-page';
import { expect, test, hqForThisFile } from './support/fixtures';

const env = hqForThisFile();

async function hqReport(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'borderdesk', deviceId: 'e2e-report-reader' }),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const day = cstDateOf(Date.now());
  const report = await fetch(`${baseUrl}/api/v1/reports/day?date=${day}`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  expect(report.status).toBe(200);
  return (await report.json()) as { declarations: number; totalFen: number; flagged: number; residents: number };
}

test('an officer works offline all day, restarts offline, and HQ gets every declaration exactly once', async ({
  openDesk,
}) => {
  const { hq, net } = env();

  // Desk A signs in online and receives the port's reference data and residents.
  let deskA = await openDesk('desk-a');
  await deskA.page.goto(net.url);
  await signIn(deskA.page, 'dx.officer1');
  await waitForSync(deskA.page);
  await expect(deskA.page.getByRole('combobox', { name: '互市点' })).toHaveValue('DX-01');
  // The service worker has cached the shell, so the desk can start without HQ later.
  await deskA.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  // The network goes.
  await deskA.context.setOffline(true);
  net.down();
  const page = deskA.page;
  await expect(page.getByText('离线', { exact: true })).toBeVisible();

  // Unknown, expired and suspended certificates get a clear message.
  await lookUp(page, 'DX999999');
  await expect(page.getByRole('alert')).toContainText('找不到该边民证号');
  await page.getByLabel('边民证号', { exact: true }).focus();
  await lookUp(page, 'DX900001');
  await expect(page.getByRole('alert')).toContainText('该边民证今日不可申报（已过期');
  await page.getByLabel('边民证号', { exact: true }).focus();
  await lookUp(page, 'DX900002');
  await expect(page.getByRole('alert')).toContainText('该边民证今日不可申报（已暂停');
  await page.getByLabel('边民证号', { exact: true }).focus();

  // Declaration 1: resident found by certificate, several lines, a negative-list line refused.
  await lookUp(page, 'DX000001');
  await expect(page.getByText('450681', { exact: false }).first()).toBeVisible();
  await expect(output(page, '今日剩余免税额度')).toHaveText('¥8,000.00');
  await typeLine(page, 1, '0801', '100', '30');
  await typeLine(page, 2, '0803', '50', '20');
  // Alt+N adds a line, Alt+Backspace removes the one being edited.
  await page.keyboard.press('Alt+n');
  await expect(page.getByRole('combobox', { name: '商品编码 4', exact: true })).toBeFocused();
  await page.keyboard.press('Alt+Backspace');
  await expect(page.getByRole('combobox', { name: '商品编码 4', exact: true })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: '商品编码 3', exact: true })).toBeFocused();
  await typeLine(page, 3, '4001', '10', '200');
  await expect(page.getByText(/第3行：天然橡胶（4001）在负面清单上/)).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert').filter({ hasText: '负面清单' }).first()).toBeVisible();
  await expect(output(page, '待同步')).toHaveText('0');
  // The officer fixes line 3: fresh fruit instead of rubber.
  const hs3 = page.getByRole('combobox', { name: '商品编码 3', exact: true });
  await hs3.fill('0810');
  await hs3.press('Escape');
  await expect(page.getByText(/负面清单上/)).toHaveCount(0);
  await expect(output(page, '总价')).toHaveText('¥6,000.00');
  await expect(output(page, '免税')).toHaveText('¥6,000.00');
  await expect(output(page, '应税')).toHaveText('¥0.00');
  await expect(output(page, '保存后剩余额度')).toHaveText('¥2,000.00');
  await saveWithKeyboard(page);
  await expect(output(page, '待同步')).toHaveText('1');

  // Declaration 2: the same resident; only ¥2,000 is left, so part of it is taxable — shown before saving.
  await lookUp(page, 'DX000001');
  await expect(output(page, '今日剩余免税额度')).toHaveText('¥2,000.00');
  await typeLine(page, 1, '0901', '40', '100');
  await expect(output(page, '总价')).toHaveText('¥4,000.00');
  await expect(output(page, '免税')).toHaveText('¥2,000.00');
  await expect(output(page, '应税')).toHaveText('¥2,000.00');
  await expect(output(page, '保存后剩余额度')).toHaveText('¥0.00');
  await saveWithKeyboard(page);

  // Declaration 3: another resident, with a vehicle, saved with the button.
  await lookUp(page, 'DX000002');
  await typeLine(page, 1, '4202', '5', '300');
  await page.getByLabel('车牌号', { exact: true }).fill('桂P12345');
  await page.getByRole('button', { name: /保存申报/ }).click();
  await expect(page.getByText(/^已保存/)).toBeVisible();
  await expect(output(page, '待同步')).toHaveText('3');
  await expect(todayRows(page)).toHaveCount(3);
  await expect(todayRows(page).filter({ hasText: '待同步' })).toHaveCount(3);

  // The desk is closed and reopened on the same profile, still with no network at all.
  await deskA.close();
  deskA = await openDesk('desk-a', { offline: true });
  await deskA.page.goto(net.url);
  const reopened = deskA.page;
  await expect(reopened.getByLabel('用户名', { exact: true })).toHaveValue('dx.officer1');
  await reopened.getByLabel('密码', { exact: true }).fill('wrong-password');
  await reopened.getByRole('button', { name: '登录', exact: true }).click();
  await expect(reopened.getByRole('alert')).toContainText('密码错误');
  await signIn(reopened, 'dx.officer1');
  await expect(output(reopened, '待同步')).toHaveText('3');
  await expect(todayRows(reopened)).toHaveCount(3);
  expect((await hqReport(hq.url, 'dx.supervisor')).declarations).toBe(0);

  // The network returns: the desk syncs by itself.
  net.up();
  await deskA.context.setOffline(false);
  await expect(reopened.getByText('在线', { exact: true })).toBeVisible();
  await expect(output(reopened, '待同步')).toHaveText('0', { timeout: 60_000 });
  await expect(todayRows(reopened).filter({ hasText: '已同步' })).toHaveCount(3);

  // HQ holds each declaration exactly once, even after another sync.
  await reopened.getByRole('button', { name: '立即同步' }).click();
  await waitForSync(reopened);
  const report = await hqReport(hq.url, 'dx.supervisor');
  expect(report).toMatchObject({ declarations: 3, residents: 2, totalFen: 1_150_000 });

  // A second desk signs in and receives them.
  const deskB = await openDesk('desk-b');
  await deskB.page.goto(net.url);
  await signIn(deskB.page, 'dx.officer2');
  await waitForSync(deskB.page);
  await expect(todayRows(deskB.page)).toHaveCount(3);
  await expect(todayRows(deskB.page).filter({ hasText: 'DX000001' })).toHaveCount(2);
  await expect(todayRows(deskB.page).filter({ hasText: '已同步' })).toHaveCount(3);
});

test("one resident's quota used at two points while both desks are offline: HQ flags the later one, both desks show it", async ({
  openDesk,
}) => {
  const { hq, net } = env();
  const deskA = await openDesk('quota-desk-a');
  const deskB = await openDesk('quota-desk-b');
  for (const [desk, username] of [
    [deskA, 'dx.officer1'],
    [deskB, 'dx.officer2'],
  ] as const) {
    await desk.page.goto(net.url);
    await signIn(desk.page, username);
    await waitForSync(desk.page);
  }
  await deskB.page.getByRole('combobox', { name: '互市点' }).selectOption('DX-02');
  await deskA.context.setOffline(true);
  await deskB.context.setOffline(true);

  // Each desk alone sees the whole ¥8,000 free: A exempts ¥6,000, B ¥5,500.
  for (const [desk, hsCode, price, total] of [
    [deskA, '0801', '60', '¥6,000.00'],
    [deskB, '0803', '55', '¥5,500.00'],
  ] as const) {
    await lookUp(desk.page, 'DX000777');
    await expect(output(desk.page, '今日剩余免税额度')).toHaveText('¥8,000.00');
    await typeLine(desk.page, 1, hsCode, '100', price);
    await expect(output(desk.page, '免税')).toHaveText(total);
    await saveWithKeyboard(desk.page);
    await expect(output(desk.page, '待同步')).toHaveText('1');
  }

  // Desk A reaches HQ first, then desk B: B's declaration is the later one.
  await deskA.context.setOffline(false);
  await expect(output(deskA.page, '待同步')).toHaveText('0', { timeout: 60_000 });
  await deskB.context.setOffline(false);
  await expect(output(deskB.page, '待同步')).toHaveText('0', { timeout: 60_000 });

  const flaggedOnB = todayRows(deskB.page).filter({ hasText: '已标记' });
  await expect(flaggedOnB).toHaveCount(1);
  await expect(flaggedOnB).toContainText('¥5,500.00');
  await expect(flaggedOnB).toContainText('已在其他申报中使用免税额度');
  await expect(output(deskB.page, '已标记')).toHaveText('1');

  // Desk A learns of it at its next sync: B's record, flagged, and its own, not flagged.
  await deskA.page.getByRole('button', { name: '立即同步' }).click();
  await waitForSync(deskA.page);
  await expect(todayRows(deskA.page).filter({ hasText: 'DX000777' })).toHaveCount(2);
  const flaggedOnA = todayRows(deskA.page).filter({ hasText: '已标记' });
  await expect(flaggedOnA).toHaveCount(1);
  await expect(flaggedOnA).toContainText('¥5,500.00');
  await expect(output(deskA.page, '已标记')).toHaveText('1');

  const report = await hqReport(hq.url, 'dx.supervisor');
  expect(report.flagged).toBe(1);
});
