import type { Page } from '@playwright/test';
import { cstDateOf } from '../../shared/index';
import { lookUp, output, PASSWORD, saveWithKeyboard, signIn, todayRows, typeLine, waitForSync } from './support/desk-page';
import { expect, hqForThisFile, test } from './support/fixtures';

/**
 * Issue 3, end to end against a real HQ: two desks edit one declaration offline and
 * meet in the review queue; a supervisor resolves it and every desk converges. HQ's
 * web console publishes a policy version that reaches the desk at its next pull, sees
 * the desks' audit chains intact, and disables an officer whose desk then removes the
 * port's data. A desk older than HQ is told to update and keeps its outbox.
 */
const env = hqForThisFile();

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 30_000 });
  await expect(page.getByRole('progressbar', { name: '同步中' })).toHaveCount(0, { timeout: 30_000 });
}

/** Selects the only row of today's list with the keyboard and changes the plate (and remarks). */
async function editOnlyRow(page: Page, plate: string, remarks?: string): Promise<void> {
  const list = page.locator('.today-scroll');
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('e');
  const form = page.getByRole('form', { name: '修改申报' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('车牌号')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(plate);
  if (remarks !== undefined) await form.getByLabel('备注').fill(remarks);
  await form.getByLabel('车牌号').press('Enter');
  await expect(form).toHaveCount(0);
}

async function remarksOfOnlyRow(page: Page): Promise<string> {
  await page.locator('.today-scroll').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('e');
  const form = page.getByRole('form', { name: '修改申报' });
  const value = await form.getByLabel('备注').inputValue();
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  return value;
}

async function adminToken(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'hq.admin', password: PASSWORD, deviceId: 'e2e-admin-reader' }),
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

async function portFigures(baseUrl: string) {
  const token = await adminToken(baseUrl);
  const answer = await fetch(`${baseUrl}/api/v1/admin/ports`, { headers: { Authorization: `Bearer ${token}` } });
  expect(answer.status).toBe(200);
  const body = (await answer.json()) as { ports: Array<{ id: string; openConflicts: number; brokenChains: number; counts: { declarations: number; residents: number; officers: number } }> };
  const port = body.ports.find((p) => p.id === 'DONGXING');
  if (port === undefined) throw new Error('no DONGXING in the admin port list');
  return port;
}

test('two desks edit one declaration offline; the supervisor resolves the conflict and every desk converges', async ({ openDesk }) => {
  const { net } = env();
  const deskA = await openDesk('conflict-a');
  await deskA.page.goto(net.url);
  await signIn(deskA.page, 'dx.officer1');
  await waitForSync(deskA.page);
  await lookUp(deskA.page, 'DX000010');
  await typeLine(deskA.page, 1, '0801', '10', '20');
  await saveWithKeyboard(deskA.page);
  await syncNow(deskA.page);

  const deskB = await openDesk('conflict-b');
  await deskB.page.goto(net.url);
  await signIn(deskB.page, 'dx.officer2');
  await waitForSync(deskB.page);
  await expect(todayRows(deskB.page)).toHaveCount(1);

  // The network goes; each officer changes the plate, and B also writes a remark.
  net.down();
  await deskA.context.setOffline(true);
  await deskB.context.setOffline(true);
  await editOnlyRow(deskA.page, '桂P11111');
  await editOnlyRow(deskB.page, '桂P22222', '复查过磅');
  await expect(output(deskA.page, '待同步')).toHaveText('1');
  await expect(output(deskB.page, '待同步')).toHaveText('1');

  // Back online, A first: A reaches HQ first, so A's plate holds; B's remark (another
  // field) survives. (B stays offline until A has synced: a desk syncs by itself when
  // its network returns, and HQ's order of arrival decides the winner.)
  net.up();
  await deskA.context.setOffline(false);
  await syncNow(deskA.page);
  await deskB.context.setOffline(false);
  await syncNow(deskB.page);
  await syncNow(deskA.page);
  for (const page of [deskA.page, deskB.page]) {
    await expect(todayRows(page).first()).toContainText('桂P11111');
    await expect(page.getByTestId('conflict-count')).toHaveText('1');
    expect(await remarksOfOnlyRow(page)).toBe('复查过磅');
  }

  // An officer sees the queue but cannot settle it.
  await deskB.page.keyboard.press('Alt+r');
  const rowB = deskB.page.getByTestId('conflict-row');
  await expect(rowB).toHaveCount(1);
  await expect(rowB).toContainText('桂P11111');
  await expect(rowB).toContainText('桂P22222');
  await expect(rowB.getByRole('button', { name: '采用此值' })).toHaveCount(0);
  await deskB.page.keyboard.press('Escape');

  // The supervisor keeps B's plate.
  const deskS = await openDesk('conflict-supervisor');
  await deskS.page.goto(net.url);
  await signIn(deskS.page, 'dx.supervisor');
  await waitForSync(deskS.page);
  await deskS.page.keyboard.press('Alt+r');
  const row = deskS.page.getByTestId('conflict-row');
  await expect(row).toHaveCount(1);
  await row.getByRole('region', { name: '另一台柜台的修改' }).getByRole('button', { name: '采用此值' }).click();
  await deskS.page.keyboard.press('Escape');
  await syncNow(deskS.page);

  // Every desk converges on the supervisor's choice; the queue is empty everywhere.
  for (const page of [deskA.page, deskB.page, deskS.page]) {
    await syncNow(page);
    await expect(todayRows(page).first()).toContainText('桂P22222');
    await expect(page.getByTestId('conflict-count')).not.toHaveText('1');
    expect(await remarksOfOnlyRow(page)).toBe('复查过磅');
  }
  const figures = await portFigures(net.url);
  expect(figures).toMatchObject({ openConflicts: 0 });
});

test('HQ console: a new policy version reaches the desk; audit chains verify; a disabled officer’s desk removes the port’s data', async ({
  openDesk,
}) => {
  const { net } = env();
  const desk = await openDesk('console-desk');
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer2');
  await waitForSync(desk.page);
  await expect(desk.page.getByTestId('reference-versions')).toContainText('政策 v1');

  const admin = await openDesk('console-admin');
  const console = admin.page;
  await console.goto(`${net.url}/console/`);
  await console.getByLabel('用户名').fill('hq.admin');
  await console.getByLabel('密码').fill(PASSWORD);
  await console.getByRole('button', { name: '登录' }).click();
  await expect(console.getByTestId('console-port-select')).toBeVisible();
  await console.getByTestId('console-port-select').selectOption('DONGXING');

  // A new policy version, in force from today: RMB 6,000 a day.
  await console.getByRole('tab', { name: '政策' }).click();
  const policyForm = console.getByRole('form', { name: '发布新政策版本' });
  await policyForm.getByLabel('每日免税额（元）').fill('6000');
  await policyForm.getByLabel('生效日期').fill(cstDateOf(Date.now()));
  await policyForm.getByRole('button', { name: '发布新版本' }).click();
  await expect(console.getByText(/已发布第 2 版/)).toBeVisible();

  // The desk receives it at its next pull and counts with it.
  await syncNow(desk.page);
  await expect(desk.page.getByTestId('reference-versions')).toContainText('政策 v2');
  await desk.page.getByLabel('边民证号', { exact: true }).focus();
  await lookUp(desk.page, 'DX000020');
  await expect(output(desk.page, '今日剩余免税额度')).toHaveText('¥6,000.00');
  await typeLine(desk.page, 1, '0801', '10', '20');
  await saveWithKeyboard(desk.page);
  await syncNow(desk.page);

  // Every desk's audit chain arrived intact, and re-verifies from what HQ stored.
  await console.getByRole('tab', { name: '审计' }).click();
  const chains = console.getByTestId('audit-chain-row');
  await expect(chains.first()).toBeVisible();
  expect(await console.locator('[data-testid="audit-chain-row"][data-broken="true"]').count()).toBe(0);
  await chains.first().getByRole('button', { name: '重新校验' }).click();
  await expect(console.getByTestId('audit-verdict')).toBeVisible();
  await expect(console.getByTestId('audit-verdict')).toHaveClass(/ok/);

  // The administrator disables dx.officer2; at its next sync the desk removes the port's data.
  await console.getByRole('tab', { name: '人员' }).click();
  const officer = console.locator('[data-testid="officer-row"][data-username="dx.officer2"]');
  await officer.getByRole('button', { name: '停用', exact: true }).click();
  await officer.getByRole('button', { name: /确认停用/ }).click();
  await expect(officer).toContainText('已停用');

  await desk.page.getByRole('button', { name: '立即同步' }).click();
  await expect(desk.page.getByTestId('access-revoked')).toBeVisible({ timeout: 30_000 });
  const databases = await desk.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(databases).not.toContain('borderdesk-DONGXING-dx.officer2');
});

test('a desk older than HQ is told to update and keeps its outbox', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('old-desk');
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer1');
  await waitForSync(desk.page);
  const before = await portFigures(net.url);

  // This desk now speaks protocol 1 to HQ (as a desk from before the update would).
  await desk.page.route('**/api/v1/sync/**', async (route) => {
    await route.continue({ headers: { ...route.request().headers(), 'x-borderdesk-protocol': '1' } });
  });
  await lookUp(desk.page, 'DX000030');
  await typeLine(desk.page, 1, '0801', '10', '20');
  await saveWithKeyboard(desk.page);
  await desk.page.getByRole('button', { name: '立即同步' }).click();
  const banner = desk.page.getByTestId('update-required');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(output(desk.page, '待同步')).toHaveText('1');
  expect((await portFigures(net.url)).counts).toEqual(before.counts);

  // After the update (here: the desk speaks v2 again and reloads), the waiting declaration goes.
  await desk.page.unroute('**/api/v1/sync/**');
  await desk.page.reload();
  await desk.page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await desk.page.keyboard.press('Enter');
  await syncNow(desk.page);
  await expect(banner).toHaveCount(0);
  expect((await portFigures(net.url)).counts.declarations).toBe(before.counts.declarations + 1);
});
