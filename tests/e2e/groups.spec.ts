import type { Page } from '@playwright/test';
import { cstDateOf, GROUP_ADMIN_PATHS, type GroupListAnswer } from '../../shared/index';
import { pullChanges, pushOutbox, saveDeclarations } from '../../renderer/src/engine';
import { lookUp, output, saveWithKeyboard, signIn, typeLine, waitForSync } from './support/desk-page';
import { expect, hqForThisFile, test } from './support/fixtures';
import { dayReport, hqToken, pullEverything } from './support/hq-counts';
import { openNodeDesk } from './support/node-desk';

/**
 * Issue 4: a mutual-aid group's declaration (互助组申报) split within each member's
 * amount, end to end against a real HQ. Dongxing's demo group 竹山村第一互助组 is
 * DX000101 (leader) … DX000105, each with RMB 8,000 a day.
 */
const env = hqForThisFile();

const splitRow = (page: Page, certificateNo: string) => page.locator(`[data-testid="split-row"][data-cert="${certificateNo}"]`);
const cell = (page: Page, certificateNo: string, field: string) => splitRow(page, certificateNo).locator(`[data-field="${field}"]`);

test('a group declaration split within each member’s amount: shown on screen, saved offline, synced, each member within their amount at HQ', async ({ openDesk }) => {
  const { hq, net } = env();
  const today = cstDateOf(Date.now());
  const desk = await openDesk('groups');
  const page = desk.page;
  await page.goto(net.url);
  await signIn(page, 'dx.officer1');
  await waitForSync(page);

  // The group as HQ's administrators filed it, members by certificate number.
  const admin = await hqToken(hq.url, 'hq.admin', 'e2e-groups-admin');
  const listed = await fetch(`${hq.url}${GROUP_ADMIN_PATHS.groups('DONGXING')}`, { headers: { authorization: `Bearer ${admin}` } });
  expect(listed.status).toBe(200);
  const group = ((await listed.json()) as GroupListAnswer).groups.find((g) => g.group.name === '竹山村第一互助组');
  expect(group?.members.map((m) => m.certificateNo)).toEqual(['DX000101', 'DX000102', 'DX000103', 'DX000104', 'DX000105']);

  // DX000102 already declared RMB 3,000 of their own today, at this desk.
  await lookUp(page, 'DX000102');
  await typeLine(page, 1, '0803', '300', '10');
  await saveWithKeyboard(page);
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 60_000 });

  // Offline from here. Meanwhile, at the other point, DX000103 declares RMB 2,000 through
  // another desk: this desk cannot know.
  await desk.context.setOffline(true);
  await expect(page.getByText('离线', { exact: true })).toBeVisible();
  const other = await openNodeDesk({ baseUrl: hq.url, username: 'dx.officer2' });
  try {
    expect((await pullChanges(other.db, other.client)).ok).toBe(true);
    const residents = await other.db.residents.orderBy('certificateNo').toArray();
    const index = residents.filter((r) => r.status === 'valid').findIndex((r) => r.certificateNo === 'DX000103');
    const [made] = await other.drafts(1, index);
    if (made === undefined) throw new Error('no draft');
    const line = { ...made.lines[0], originCountry: 'VN', unit: 'kg', hsCode: '0803', name: '香蕉', quantity: 200, grossKg: 200, netKg: 200, unitPriceFen: 1_000, valueFen: 200_000 };
    const elsewhere = { ...made, pointId: 'DX-02', lines: [line], totalFen: 200_000, exemptFen: 200_000, taxableFen: 0 };
    expect(elsewhere.certificateNo).toBe('DX000103');
    expect((await saveDeclarations(other.db, [elsewhere])).ok).toBe(true);
    expect(await pushOutbox(other.db, other.client)).toMatchObject({ ok: true, data: { applied: 1 } });
  } finally {
    await other.close();
  }

  // The group declaration screen, from the keyboard: Alt+G, a member's certificate, Enter.
  await page.keyboard.press('Alt+g');
  const picker = page.getByRole('combobox', { name: /互助组（组名或任一成员边民证号）/ });
  await expect(picker).toBeFocused();
  await page.keyboard.type('DX000104');
  await expect(page.getByRole('option', { name: /竹山村第一互助组/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('group-picked')).toContainText('竹山村第一互助组');
  await expect(page.getByTestId('group-picked')).toContainText('DX000101');
  // 4,500 kg of bananas at RMB 10: RMB 45,000, far above what one member could take.
  await typeLine(page, 1, '0803', '4500', '10');

  // The split on screen: each member at most what they have left (DX000102: RMB 5,000).
  const expected: [string, string, string, string][] = [
    ['DX000101', '¥8,000.00', '¥8,000.00', '¥0.00'],
    ['DX000102', '¥5,000.00', '¥5,000.00', '¥0.00'],
    ['DX000103', '¥8,000.00', '¥8,000.00', '¥0.00'],
    ['DX000104', '¥8,000.00', '¥8,000.00', '¥0.00'],
    ['DX000105', '¥8,000.00', '¥8,000.00', '¥0.00'],
  ];
  for (const [cert, before, placed, after] of expected) {
    await expect(cell(page, cert, 'leftBefore')).toHaveText(before);
    await expect(cell(page, cert, 'placed')).toHaveText(placed);
    await expect(cell(page, cert, 'leftAfter')).toHaveText(after);
  }
  await expect(cell(page, 'DX000102', 'goods')).toHaveText('香蕉 500 kg');
  await expect(page.locator('[data-field="exemptTotal"]')).toHaveText('¥37,000.00');
  await expect(page.locator('[data-field="taxableTotal"]')).toHaveText('¥8,000.00');
  await expect(page.getByTestId('split-remainder')).toContainText('香蕉 800 kg');
  await expect(page.getByTestId('split-remainder')).toContainText('成员额度已用完');
  await expect(page.getByTestId('remainder-to')).toContainText('DX000101');
  await expect(page.getByRole('img', { name: '各成员额度使用' })).toBeVisible();

  // Saved offline, all at once: five shares and the leader's remainder, one group declaration.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('已保存互助组申报：竹山村第一互助组，6 份成员申报')).toBeVisible();
  await expect(picker).toBeFocused();
  await expect(output(page, '待同步')).toHaveText('7');
  const saved = page.getByTestId('group-declaration');
  await expect(saved).toHaveCount(1);
  const groupDeclarationId = await saved.getAttribute('data-id');
  await expect(saved.getByTestId('group-member-declaration')).toHaveCount(6);
  await expect(saved.locator('[data-state="pending"]')).toHaveCount(6);

  // Back online: the desk syncs by itself. HQ re-checks every share against the member's
  // port-wide usage: DX000103's is flagged (RMB 2,000 used at the other point), kept.
  await desk.context.setOffline(false);
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 60_000 });
  const flagged = saved.locator('[data-testid="group-member-declaration"][data-cert="DX000103"]');
  await expect(flagged).toHaveAttribute('data-state', 'flagged', { timeout: 30_000 });
  await expect(flagged.locator('[data-flag="quota_exceeded_elsewhere"]')).toBeVisible();
  await expect(flagged.locator('[data-field="hqExempt"]')).toHaveText('¥6,000.00');
  await expect(saved.locator('[data-state="synced"]')).toHaveCount(5);

  // HQ holds each member's declaration, and no member above their amount for the day.
  const supervisor = await hqToken(hq.url, 'dx.supervisor', 'e2e-groups-pull');
  const atHq = await pullEverything(hq.url, supervisor);
  expect(atHq.repeated).toEqual([]);
  const declarations = [...atHq.records.declaration.values()].filter((d) => d.tradeDate === today);
  const shares = declarations.filter((d) => d.groupDeclarationId === groupDeclarationId);
  expect(shares.map((d) => [d.certificateNo, d.totalFen, d.hqExemptFen, d.hqTaxableFen]).sort()).toEqual(
    [
      ['DX000101', 800_000, 800_000, 0],
      ['DX000101', 800_000, 0, 800_000],
      ['DX000102', 500_000, 500_000, 0],
      ['DX000103', 800_000, 600_000, 200_000],
      ['DX000104', 800_000, 800_000, 0],
      ['DX000105', 800_000, 800_000, 0],
    ].sort(),
  );
  const exemptByMember = new Map<string, number>();
  for (const d of declarations) exemptByMember.set(d.certificateNo, (exemptByMember.get(d.certificateNo) ?? 0) + (d.hqExemptFen ?? 0));
  for (const cert of ['DX000101', 'DX000102', 'DX000103', 'DX000104', 'DX000105']) {
    expect(exemptByMember.get(cert), cert).toBe(800_000);
  }
  const record = atHq.records.group_declaration.get(groupDeclarationId ?? '');
  expect(record).toMatchObject({ groupId: group?.group.id, remainderResidentId: group?.group.leaderId, tradeDate: today });
  const report = await dayReport(hq.url, supervisor, today);
  expect(report).toMatchObject({ declarations: 8, totalFen: 5_000_000, flagged: 1 });

  // Esc goes back to the desk's own declaration form.
  await picker.focus();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('边民证号', { exact: true })).toBeVisible();
});

test('a group filed in the console (a bad member refused by field first) reaches the desk, found by its name', async ({ openDesk }) => {
  const { net } = env();
  const admin = await openDesk('groups-console');
  const console = admin.page;
  await console.goto(`${net.url}/console/`);
  await console.getByLabel('用户名').fill('hq.admin');
  await console.getByLabel('密码').fill('borderdesk');
  await console.getByRole('button', { name: '登录' }).click();
  await console.getByTestId('console-port-select').selectOption('DONGXING');
  await console.getByRole('tab', { name: '互助组' }).click();
  await expect(console.getByTestId('group-row-竹山村第一互助组')).toContainText('DX000105');
  await expect(console.getByTestId('group-row-万尾村互助组')).toContainText('expired');

  const form = console.getByRole('form', { name: '新建互助组' });
  await form.getByLabel('组名').fill('河洲村互助组');
  await form.getByLabel('组长（边民证号）').fill('dx000122');
  await form.getByLabel(/成员（边民证号/).fill('DX000121\nDX000122\nPX000001');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('alert')).toContainText('memberCertificateNos.2: PX000001 不是本口岸备案边民');
  await expect(form.getByLabel(/成员（边民证号/)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('组名')).toHaveAttribute('aria-invalid', 'false');
  await form.getByLabel(/成员（边民证号/).fill('DX000121\nDX000122\nDX000123');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(console.getByText('已保存: 河洲村互助组 (版本 1)')).toBeVisible();
  await expect(console.getByTestId('group-row-河洲村互助组')).toContainText('DX000123');

  const desk = await openDesk('groups-desk-2');
  const page = desk.page;
  await page.goto(net.url);
  await signIn(page, 'dx.officer2');
  await waitForSync(page);
  await page.keyboard.press('Alt+g');
  await page.keyboard.type('河洲');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('group-picked')).toContainText('河洲村互助组');
  await expect(page.getByTestId('group-picked')).toContainText('DX000122');
  await typeLine(page, 1, '0803', '1000', '10');
  await expect(cell(page, 'DX000121', 'placed')).toHaveText('¥8,000.00');
  await expect(cell(page, 'DX000122', 'placed')).toHaveText('¥2,000.00');
  await expect(cell(page, 'DX000123', 'placed')).toHaveText('¥0.00');
  await expect(page.getByTestId('split-remainder')).toHaveCount(0);
});
