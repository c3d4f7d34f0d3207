import { cstDateOf, PROCESSING_ADMIN_PATHS } from '../../shared/index';
import { lookUp, output, saveWithKeyboard, signIn, typeLine, waitForSync } from './support/desk-page';
import { expect, hqForThisFile, test } from './support/fixtures';
import { hqToken, pullEverything } from './support/hq-counts';

/**
 * Landing processing (落地加工, issue 4) end to end against a real HQ: a resident's
 * declaration, a sale of part of it to a processing firm, the agent's central declaration
 * (集中申报), the direct transport (直通式) to the firm's warehouse, the tax settled; seen at
 * HQ after sync and on a second desk. A sale above what was declared is refused at the
 * desk with the rule's message, and nothing is saved.
 */
const env = hqForThisFile();
test.describe.configure({ mode: 'serial' });

const AGENT_CODE = '91450681MA5P8QW7RQ';

test('a processing sale → central declaration → transport arrival → tax settled, at HQ and on a second desk', async ({ openDesk }) => {
  const { hq, net } = env();
  // HQ's new processing policy, in force today: processing sales are taxed in full.
  const admin = await hqToken(hq.url, 'hq.admin', 'e2e-processing-admin');
  const published = await fetch(`${hq.url}${PROCESSING_ADMIN_PATHS.policies('DONGXING')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ isSaleTaxable: true, effectiveFrom: cstDateOf(Date.now()) }),
  });
  expect(published.status, await published.clone().text()).toBe(201);

  const desk = await openDesk('processing-a');
  const page = desk.page;
  await page.goto(net.url);
  await signIn(page, 'dx.officer1');
  await waitForSync(page);

  // The resident declares 50 kg of nuts at ¥20.
  await lookUp(page, 'DX000041');
  await typeLine(page, 1, '0801', '50', '20');
  await saveWithKeyboard(page);

  // Alt+P: the processing screen; the sale of 30 kg to the first firm, from the keyboard.
  await page.keyboard.press('Alt+p');
  const certificate = page.getByTestId('pr-certificate');
  await expect(certificate).toBeFocused();
  await certificate.fill('DX000041');
  await certificate.press('Enter');
  await expect(page.getByTestId('pr-left')).toHaveText('50 kg');
  await expect(page.getByTestId('pr-quantity')).toBeFocused();
  await page.keyboard.type('30');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('pr-sale-saved')).toContainText('¥600.00');
  await page.getByTestId('pr-certificate').fill('DX000041');
  await page.getByTestId('pr-certificate').press('Enter');
  await expect(page.getByTestId('pr-left')).toHaveText('20 kg');
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 60_000 });

  // Alt+2: the agent declares the firm's sales centrally; all of it is taxable under policy v2.
  await page.keyboard.press('Alt+2');
  await page.getByTestId('pr-agent-name').fill('东兴市通关代理服务有限公司');
  await page.getByTestId('pr-agent-code').fill(AGENT_CODE);
  await expect(page.getByTestId('pr-pick-sale')).toHaveCount(1);
  await expect(page.getByTestId('pr-taxableFen')).toHaveText('¥600.00');
  await page.keyboard.press('Control+Enter');
  const central = page.getByTestId('pr-central-row');
  await expect(central).toHaveAttribute('data-status', 'declared');

  // Alt+3: the goods leave under seal and arrive at the firm's warehouse with the seal intact.
  await page.keyboard.press('Alt+3');
  await page.getByTestId('pr-plate').fill('桂P·12345');
  await page.getByTestId('pr-seal').fill('dx-seal-0001');
  await page.keyboard.press('Control+Enter');
  const transport = page.getByTestId('pr-transport-row');
  await expect(transport).toContainText('桂P12345');
  await page.getByTestId('pr-seal-found').fill('DX-SEAL-0001');
  await page.getByTestId('pr-arrive').click();
  await expect(transport).toHaveAttribute('data-arrived', 'true');

  // Back on the central declaration: the tax assessed, then settled with the receipt.
  await page.keyboard.press('Alt+2');
  await page.getByTestId('pr-assess').click();
  await expect(central).toHaveAttribute('data-status', 'tax_assessed');
  await expect(page.getByTestId('pr-paid')).toHaveValue('600.00');
  await page.getByTestId('pr-receipt').fill('JK2026120700001');
  await page.getByTestId('pr-settle').click();
  await expect(central).toHaveAttribute('data-status', 'tax_settled');
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 60_000 });
  await expect(central.getByTestId('pr-state')).toHaveText('总部已接收', { timeout: 30_000 });

  // HQ holds each record once, in its last state.
  const supervisor = await hqToken(hq.url, 'dx.supervisor', 'e2e-processing-report');
  const all = await pullEverything(hq.url, supervisor);
  expect(all.repeated).toEqual([]);
  const [sale] = [...all.records.processing_sale.values()];
  expect(sale).toMatchObject({ lines: [{ declarationLine: 0, quantity: 30, valueFen: 60_000 }], flags: [] });
  const [held] = [...all.records.central_declaration.values()];
  expect(held).toMatchObject({
    status: 'tax_settled',
    agent: { creditCode: AGENT_CODE },
    saleIds: [sale?.id],
    assessment: { salesFen: 60_000, exemptFen: 0, taxableFen: 60_000, policyVersion: 2 },
    settlement: { paidFen: 60_000, receiptNo: 'JK2026120700001' },
    flags: [],
  });
  const [carried] = [...all.records.direct_transport.values()];
  expect(carried).toMatchObject({ vehiclePlate: '桂P12345', sealNo: 'DX-SEAL-0001', centralDeclarationId: held?.id, arrivedAt: expect.any(String) });

  // A second desk of the port sees the settled declaration and the arrived transport.
  const other = await openDesk('processing-b');
  await other.page.goto(net.url);
  await signIn(other.page, 'dx.officer2');
  await waitForSync(other.page);
  await other.page.keyboard.press('Alt+p');
  await other.page.keyboard.press('Alt+2');
  await expect(other.page.getByTestId('pr-central-row')).toHaveAttribute('data-status', 'tax_settled');
  await other.page.keyboard.press('Alt+3');
  await expect(other.page.getByTestId('pr-transport-row')).toHaveAttribute('data-arrived', 'true');
  await other.page.keyboard.press('Escape');
  await expect(other.page.getByLabel('边民证号', { exact: true })).toBeVisible();
});

test('a sale above what was declared is refused at the desk with its message, and nothing is saved', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('processing-over');
  const page = desk.page;
  await page.goto(net.url);
  await signIn(page, 'dx.officer1');
  await waitForSync(page);
  await lookUp(page, 'DX000042');
  await typeLine(page, 1, '0801', '10', '20');
  await saveWithKeyboard(page);
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 60_000 });

  await page.keyboard.press('Alt+p');
  await page.getByTestId('pr-certificate').fill('DX000042');
  await page.getByTestId('pr-certificate').press('Enter');
  await expect(page.getByTestId('pr-quantity')).toBeFocused();
  await page.keyboard.type('12');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('pr-sale-error')).toContainText('坚果 申报 10 kg，已售 0 kg，最多还可售 10 kg，不能销售 12 kg');
  await expect(page.getByTestId('pr-quantity')).toHaveAttribute('aria-invalid', 'true');
  await expect(output(page, '待同步')).toHaveText('0');
  // The first test's sale (pulled) is listed; none of this resident's.
  await expect(page.getByTestId('pr-sale-row').filter({ hasText: 'DX000041' })).toHaveCount(1);
  await expect(page.getByTestId('pr-sale-row').filter({ hasText: 'DX000042' })).toHaveCount(0);
  await expect(page.getByTestId('pr-left')).toHaveText('10 kg');
});
