import { lookUp, output, saveWithKeyboard, signIn, todayRows, typeLine, waitForSync } from './support/desk-page';
import { expect, hqForThisFile, test } from './support/fixtures';

const env = hqForThisFile();

/** Writes `count` of today's declarations straight into the desk's IndexedDB, as a busy day would. */
async function fillToday(page: import('@playwright/test').Page, count: number): Promise<void> {
  await page.evaluate(async (n) => {
    const request = indexedDB.open('borderdesk-DONGXING-dx.officer1');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction('declarations', 'readwrite');
    const store = tx.objectStore('declarations');
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    for (let i = 0; i < n; i++) {
      store.put({
        id: crypto.randomUUID(),
        portId: 'DONGXING',
        pointId: 'DX-01',
        residentId: crypto.randomUUID(),
        certificateNo: `BULK${String(i).padStart(6, '0')}`,
        residentName: `边民${i}`,
        tradeDate: day,
        declaredAt: new Date(Date.now() - (i + 60) * 1000).toISOString(),
        vehiclePlate: null,
        carPool: false,
        lines: [],
        totalFen: 1000,
        exemptFen: 1000,
        taxableFen: 0,
        policyVersion: 1,
        goodsListVersion: 1,
        officerId: crypto.randomUUID(),
        deviceId: 'desk-bulk-0001',
        status: 'declared',
        hqExemptFen: 1000,
        hqTaxableFen: 0,
        hqReceivedAt: new Date().toISOString(),
        flags: [],
      });
    }
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
  }, count);
}

test("today's list stays virtualized with 10,000 declarations, newest first, in both languages", async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('busy-day');
  const page = desk.page;
  await page.goto(net.url);
  await signIn(page, 'dx.officer1');
  await waitForSync(page);
  await fillToday(page, 10_000);

  // A new declaration on top of the 10,000 appears first and the list shows them all.
  await lookUp(page, 'DX000500');
  await typeLine(page, 1, '1905', '3', '25');
  await saveWithKeyboard(page);
  await expect(page.getByText('共 10001 票')).toBeVisible();
  await expect(todayRows(page).first()).toContainText('DX000500');
  expect(await todayRows(page).count()).toBeLessThan(60);

  // Scrolling to the end reaches the oldest row, still with only a window of rows in the DOM.
  await page.locator('.today-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(todayRows(page).filter({ hasText: 'BULK009999' })).toHaveCount(1);
  expect(await todayRows(page).count()).toBeLessThan(60);

  // English on demand; the choice sticks.
  await page.getByRole('button', { name: /切换语言/ }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeVisible();
  await expect(output(page, 'Pending')).toHaveText(/\d+/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});
