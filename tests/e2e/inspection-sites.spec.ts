import { createHash, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { addDays, type BlobReceiptsAnswer, cstDateOf, PROTOCOL_HEADER, PROTOCOL_VERSION, SITE_ADMIN_PATHS, type Site } from '../../shared/index';
import { output, signIn, waitForSync } from './support/desk-page';
import { expect, hqForThisFile, test } from './support/fixtures';
import { hqToken, pullEverything } from './support/hq-counts';

/**
 * Issue 6, end to end against a real HQ: designated sites accepted at HQ reach the desk;
 * a fruit consignment sent to a site not approved for fruit is refused on the desk with
 * its reason; an inspection with three photos made offline reaches HQ intact and a
 * second officer's desk opens them; a 20 MiB scan whose upload is cut halfway resumes
 * without sending again what HQ holds; a site suspended at HQ while a desk is offline
 * flags the consignment the desk records meanwhile, on the desk and at HQ.
 *
 * The administrator's calls go to HQ directly (not through the network switch), as HQ's
 * own staff would reach it while the yard's link is down.
 */
const env = hqForThisFile();
test.describe.configure({ mode: 'serial' });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// ── A real PNG, so that the desk that opens it shows a decoded picture ────────────────
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A width×height RGB picture of noise tinted by `seed` (noise: every photo's bytes differ). */
function png(width: number, height: number, seed: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const noise = randomBytes(width * height * 3);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width * 3; x++) row[1 + x] = ((noise[y * width * 3 + x] ?? 0) & 0x3f) + ((seed * 70 + (x % 3) * 60) & 0xbf);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', Buffer.alloc(0))]);
}

// ── HQ's administrator API ──────────────────────────────────────────────────────────
async function admin(): Promise<{ token: string; url: string }> {
  const { hq } = env();
  return { token: await hqToken(hq.url, 'hq.admin', 'e2e-site-admin'), url: hq.url };
}

async function sites(): Promise<Site[]> {
  const { token, url } = await admin();
  const res = await fetch(`${url}${SITE_ADMIN_PATHS.sites('DONGXING')}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { sites: Site[] }).sites;
}

/** Records one act of a site's approval life for `category` (with a placeholder document where the act needs one). */
async function recordAct(siteId: string, category: Site['approvals'][number]['category'], type: 'pass_acceptance' | 'suspend', date: string): Promise<void> {
  const { token, url } = await admin();
  const site = (await sites()).find((s) => s.id === siteId);
  if (site === undefined) throw new Error(`no site ${siteId}`);
  const res = await fetch(`${url}${SITE_ADMIN_PATHS.siteEvents('DONGXING', siteId)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      baseVersion: site.version,
      category,
      type,
      date,
      documents: [{ title: type === 'suspend' ? '暂停使用通知（e2e）' : '验收意见（e2e）', number: null, issuer: '海关总署', issuedOn: null, attachment: null }],
      note: 'e2e',
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function blobReceipts(hash: string): Promise<BlobReceiptsAnswer> {
  const { token, url } = await admin();
  const res = await fetch(`${url}${SITE_ADMIN_PATHS.blob('DONGXING', hash)}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as BlobReceiptsAnswer;
}

async function downloadFromHq(hash: string): Promise<Uint8Array> {
  const { token, url } = await admin();
  const res = await fetch(`${url}/api/v1/blobs/download?sha256=${hash}&port=DONGXING`, {
    headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

// ── The desk ────────────────────────────────────────────────────────────────────────
async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(output(page, '待同步')).toHaveText('0', { timeout: 60_000 });
  await expect(page.getByRole('progressbar', { name: '同步中' })).toHaveCount(0, { timeout: 60_000 });
}

async function openInspections(page: Page, tab: '到货登记' | '查验' | '场地使用'): Promise<void> {
  if ((await page.getByTestId('in-tab-consignments').count()) === 0) await page.keyboard.press('Alt+i');
  await page.getByRole('tab', { name: tab }).click();
}

/** Records a consignment of fruit at the yard through the form; returns the form for the result. */
async function recordFruit(page: Page, siteId: string, plate: string) {
  await openInspections(page, '到货登记');
  const form = page.getByRole('form', { name: '登记到场货物' });
  await form.getByLabel('货物类别').selectOption('fruit');
  await form.getByLabel('指定监管场地').selectOption(siteId);
  await form.getByLabel('货物名称').fill('火龙果');
  await form.getByLabel('HS 编码').fill('0810');
  await form.getByLabel('数量').fill('1200');
  await form.getByLabel('毛重（千克）').fill('14000');
  await form.getByLabel('车牌号').fill(plate);
  await form.getByLabel('车牌号').press('Control+Enter');
  return form;
}

/** The inspection form for the consignment with `plate`: a risk-hit order for documents and unpacking, both done, passed and released. */
async function fillInspection(page: Page, plate: string, code: string) {
  await openInspections(page, '查验');
  const form = page.getByRole('form', { name: '录入查验记录' });
  const consignment = form.getByTestId('in-inspection-consignment');
  await consignment.selectOption((await consignment.locator('option', { hasText: plate }).getAttribute('value')) ?? '');
  await form.getByLabel('布控指令代码').fill(code);
  await form.getByLabel('风险命中').check();
  const ordered = form.getByRole('group', { name: '布控要求的查验方式' });
  await ordered.getByLabel('单证核查').check();
  await ordered.getByLabel('开箱查验').check();
  const done = form.getByRole('group', { name: '实际查验方式' });
  await done.getByLabel('单证核查').check();
  await done.getByLabel('开箱查验').check();
  return form;
}

const acceptedOn = addDays(cstDateOf(Date.now()), -3);

test.beforeAll(async () => {
  // HQ seeds Dongxing's five sites awaiting acceptance; fruit's is accepted three days ago.
  await recordAct('DX2B-FRUIT', 'fruit', 'pass_acceptance', acceptedOn);
});

test('a fruit consignment sent to a site not approved for fruit is refused on the desk, with its reason', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('site-refusal');
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer1');
  await waitForSync(desk.page);

  await openInspections(desk.page, '到货登记');
  const form = desk.page.getByRole('form', { name: '登记到场货物' });
  // Offered first: the one site in use for fruit today; the grain site among the others, with its status.
  await expect(form.locator('optgroup[label="可接收该类货物的场地"] option')).toHaveText([/DX2B-FRUIT/]);
  await expect(form.locator('optgroup[label="其他场地（未获批或未启用）"] option', { hasText: 'DX2B-GRAIN' })).toContainText('未立项');

  await recordFruit(desk.page, 'DX2B-GRAIN', '29C10001');
  const refusal = desk.page.getByTestId('in-consignment-error');
  await expect(refusal).toContainText('未获批用于进境水果');
  await expect(refusal).toContainText('东兴口岸二桥进境粮食指定监管场地');
  await expect(form.getByLabel('指定监管场地')).toHaveAttribute('aria-invalid', 'true');
  await expect(output(desk.page, '待同步')).toHaveText('0');
  await expect(desk.page.getByTestId('in-consignment-row')).toHaveCount(0);

  // The same goods to the fruit site are taken.
  await form.getByLabel('指定监管场地').selectOption('DX2B-FRUIT');
  await form.getByLabel('车牌号').press('Control+Enter');
  await expect(desk.page.getByTestId('in-consignment-saved')).toBeVisible();
  await expect(desk.page.getByTestId('in-consignment-row')).toHaveCount(1);

  // Site use: today's fruit at the fruit site, 1 of 120 a day, in the table and the chart.
  await openInspections(desk.page, '场地使用');
  const today = desk.page.getByTestId('in-site-use-row').filter({ hasText: cstDateOf(Date.now()) }).filter({ hasText: 'DX2B-FRUIT' });
  await expect(today).toHaveCount(1);
  await expect(today.locator('td').nth(3)).toHaveText('1');
  await expect(desk.page.getByTestId('in-site-use-chart').locator('path')).toHaveCount(1);

  // Esc goes back to the declarations; Alt+I returns.
  await desk.page.keyboard.press('Escape');
  await expect(desk.page.getByLabel('边民证号', { exact: true })).toBeVisible();
  await desk.page.keyboard.press('Alt+i');
  await expect(desk.page.getByTestId('in-tab-consignments')).toBeVisible();
});

test('an inspection with three photos made offline reaches HQ intact, and another officer’s desk opens the photos', async ({ openDesk }) => {
  const { net } = env();
  const deskA = await openDesk('photos-a');
  await deskA.page.goto(net.url);
  await signIn(deskA.page, 'dx.officer1');
  await waitForSync(deskA.page);

  // The yard's link goes down; the officer records the consignment and its inspection.
  net.down();
  await deskA.context.setOffline(true);
  await recordFruit(deskA.page, 'DX2B-FRUIT', '29C20002');
  await expect(deskA.page.getByTestId('in-consignment-saved')).toBeVisible();
  const form = await fillInspection(deskA.page, '29C20002', 'BK-E2E-0002');
  const photos = [0, 1, 2].map((i) => ({ name: `开箱照片-${i + 1}.png`, mimeType: 'image/png', buffer: png(160 + i * 8, 120, i) }));
  const hashes = photos.map((p) => sha256(p.buffer));
  await form.locator('input[type="file"]').setInputFiles(photos);
  await expect(form.getByTestId('in-attachment')).toHaveCount(3);
  await expect(form.locator('img.in-thumb')).toHaveCount(3);
  await form.getByLabel('查验情况').fill('未见活体有害生物');
  await form.getByLabel('查验情况').press('Control+Enter');
  await expect(deskA.page.getByTestId('in-inspection-saved')).toContainText('BK-E2E-0002');
  await expect(output(deskA.page, '待同步')).toHaveText('3');
  const row = deskA.page.getByTestId('in-inspection-row').filter({ hasText: 'BK-E2E-0002' });
  await expect(row.getByTestId('in-attachment-open')).toHaveCount(3);
  await expect(row.getByText('待上传')).toHaveCount(3);

  // Back online: the push, then the uploads; HQ holds every photo, byte for byte.
  net.up();
  await deskA.context.setOffline(false);
  await syncNow(deskA.page);
  await expect(row.getByText('已上传')).toHaveCount(3, { timeout: 60_000 });
  for (const [i, hash] of hashes.entries()) {
    expect((await blobReceipts(hash)).state).toBe('complete');
    const bytes = await downloadFromHq(hash);
    expect(sha256(bytes)).toBe(hash);
    expect(Buffer.from(bytes).equals(photos[i]?.buffer ?? Buffer.alloc(0))).toBe(true);
  }
  const hqRecords = await pullEverything(env().hq.url, (await admin()).token);
  const atHq = [...hqRecords.records.inspection.values()].find((r) => r.attachments.some((a) => a.sha256 === hashes[0]));
  expect(atHq?.attachments.map((a) => a.sha256).sort()).toEqual([...hashes].sort());

  // Another officer of the port pulls the record and opens the photos on demand.
  const deskB = await openDesk('photos-b');
  await deskB.page.goto(net.url);
  await signIn(deskB.page, 'dx.officer2');
  await waitForSync(deskB.page);
  await openInspections(deskB.page, '查验');
  const rowB = deskB.page.getByTestId('in-inspection-row').filter({ hasText: 'BK-E2E-0002' });
  await expect(rowB.getByTestId('in-attachment-open')).toHaveCount(3);
  await expect(rowB.getByText('未下载')).toHaveCount(3);
  for (const hash of hashes) {
    const item = rowB.locator(`[data-testid="in-attachment-open"][data-sha256="${hash}"]`);
    await item.getByRole('button', { name: '打开' }).click();
    const image = item.getByTestId('in-opened-image');
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(item.getByTestId('in-verified')).toContainText(hash.slice(0, 16));
    await expect(item.getByText('已下载')).toBeVisible();
  }
});

test('a 20 MiB scan whose upload is cut halfway resumes without starting over', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('big-scan');
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer1');
  await waitForSync(desk.page);
  await recordFruit(desk.page, 'DX2B-FRUIT', '29C30003');
  await expect(desk.page.getByTestId('in-consignment-saved')).toBeVisible();
  await syncNow(desk.page);

  const scan = randomBytes(20 * 1024 * 1024);
  const hash = sha256(scan);
  // The cable is pulled as HQ answers the chunk at 10 MiB (HQ has stored it; the desk never hears so).
  const cut = net.cutNextResponse(new RegExp(`^POST /api/v1/blobs/chunk\\?sha256=${hash}&offset=10485760&`), 0).then((line) => {
    net.down();
    return line;
  });
  const form = await fillInspection(desk.page, '29C30003', 'BK-E2E-0003');
  await form.locator('input[type="file"]').setInputFiles([{ name: '报关单据扫描.pdf', mimeType: 'application/pdf', buffer: scan }], { timeout: 90_000 }); // 20 MiB into the page: slow on a busy machine
  await expect(form.getByTestId('in-attachment')).toHaveCount(1, { timeout: 30_000 });
  await form.getByLabel('查验情况').press('Control+Enter');
  await expect(desk.page.getByTestId('in-inspection-saved')).toBeVisible();
  await syncNow(desk.page).catch(() => undefined);
  await cut;

  // HQ holds some chunks, not all, each received once.
  const halfway = await blobReceipts(hash);
  expect(halfway.state).toBe('partial');
  const heldAtCut = halfway.chunks.length;
  expect(heldAtCut).toBeGreaterThan(0);
  expect(heldAtCut).toBeLessThan(20);
  expect(halfway.chunks.every((c) => c.receipts === 1)).toBe(true);

  net.up();
  await syncNow(desk.page);
  await expect.poll(async () => (await blobReceipts(hash)).state, { timeout: 60_000 }).toBe('complete');
  const done = await blobReceipts(hash);
  expect(done.chunks.map((c) => c.offset)).toEqual(Array.from({ length: 20 }, (_, i) => i * 1024 * 1024));
  // Resumed, not restarted: at most the chunk in flight at the cut arrived twice.
  const twice = done.chunks.filter((c) => c.receipts > 1);
  expect(twice.length).toBeLessThanOrEqual(1);
  expect(twice.every((c) => c.receipts === 2)).toBe(true);
  expect(sha256(await downloadFromHq(hash))).toBe(hash);
  const row = desk.page.getByTestId('in-inspection-row').filter({ hasText: 'BK-E2E-0003' });
  await expect(row.getByText('已上传')).toBeVisible();
});

test('a site suspended at HQ while the desk is offline flags the desk’s new consignment after sync, on the desk and at HQ', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('suspended');
  await desk.page.goto(net.url);
  await signIn(desk.page, 'dx.officer2');
  await waitForSync(desk.page);

  net.down();
  await desk.context.setOffline(true);
  // HQ suspends the fruit site today; the desk does not know yet and takes the consignment.
  await recordAct('DX2B-FRUIT', 'fruit', 'suspend', cstDateOf(Date.now()));
  await recordFruit(desk.page, 'DX2B-FRUIT', '29C40004');
  await expect(desk.page.getByTestId('in-consignment-saved')).toBeVisible();
  const row = desk.page.getByTestId('in-consignment-row').filter({ hasText: '29C40004' });
  await expect(row).toContainText('待同步');

  net.up();
  await desk.context.setOffline(false);
  await syncNow(desk.page);
  await expect(row).toHaveAttribute('data-flagged', 'true');
  await expect(row.getByTestId('in-consignment-flags')).toContainText('暂停使用');

  const atHq = await pullEverything(env().hq.url, (await admin()).token);
  const consignment = [...atHq.records.consignment.values()].find((c) => c.vehiclePlate === '29C40004');
  expect(consignment?.flags.map((f) => f.code)).toEqual(['site_suspended']);

  // The desk now has HQ's copy of the site: fruit can go nowhere today, and says so.
  await openInspections(desk.page, '到货登记');
  const form = desk.page.getByRole('form', { name: '登记到场货物' });
  await form.getByLabel('货物类别').selectOption('fruit');
  await expect(form.locator('optgroup[label="可接收该类货物的场地"] option')).toHaveCount(0);
  await recordFruit(desk.page, 'DX2B-FRUIT', '29C40005');
  await expect(desk.page.getByTestId('in-consignment-error')).toContainText('暂停使用');
});
