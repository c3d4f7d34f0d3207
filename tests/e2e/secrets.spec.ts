import type { Page } from '@playwright/test';
import { PASSWORD, signIn, waitForSync } from './support/desk-page';
import { expect, hqForThisFile, test } from './support/fixtures';

/**
 * Issue 3 (tokens never in logs or localStorage), in the browser: after signing in,
 * syncing, renewing the access token, locking and unlocking, nothing the page can store
 * in the clear — localStorage, sessionStorage, cookies, or any IndexedDB record — holds
 * the password or a token HQ handed out. The refresh token is kept only sealed.
 */
const env = hqForThisFile();

/** Every value the page keeps, as text: web storage, cookies, and every IndexedDB record. */
function everythingStored(page: Page): Promise<{ webStorage: string; cookies: string; indexedDb: string; databases: string[] }> {
  return page.evaluate(async () => {
    const storage = (s: Storage) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i) ?? '').map((k) => [k, s.getItem(k)]));
    const ask = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const dump: Record<string, Record<string, unknown[]>> = {};
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n !== '');
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stores = [...db.objectStoreNames];
      const tables: Record<string, unknown[]> = {};
      if (stores.length > 0) {
        const tx = db.transaction(stores, 'readonly');
        for (const store of stores) tables[store] = await ask(tx.objectStore(store).getAll());
      }
      db.close();
      dump[name] = tables;
    }
    // Bytes (a sealed token, a key) as hex, so that a token kept as raw bytes would show too.
    const replacer = (_key: string, value: unknown) => {
      if (value instanceof ArrayBuffer) value = new Uint8Array(value);
      if (ArrayBuffer.isView(value)) {
        const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        return { bytes: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''), text: new TextDecoder().decode(bytes) };
      }
      return value;
    };
    return {
      webStorage: JSON.stringify({ local: storage(localStorage), session: storage(sessionStorage) }),
      cookies: document.cookie,
      indexedDb: JSON.stringify(dump, replacer),
      databases: names,
    };
  });
}

test('no password or token is stored in the clear by the desk: web storage, cookies and IndexedDB', async ({ openDesk }) => {
  const { net } = env();
  const desk = await openDesk('secrets');
  const { page } = desk;
  const tokens: string[] = [];
  page.on('response', async (response) => {
    if (!/\/api\/v1\/auth\/(login|refresh)$/.test(new URL(response.url()).pathname) || response.status() !== 200) return;
    const body = (await response.json().catch(() => null)) as { accessToken?: string; refreshToken?: string } | null;
    for (const token of [body?.accessToken, body?.refreshToken]) if (typeof token === 'string') tokens.push(token);
  });
  await page.goto(net.url);
  await signIn(page, 'dx.officer1');
  await waitForSync(page);
  // Lock and unlock with the password, then sync again.
  await page.getByRole('button', { name: '锁定', exact: true }).click();
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '解锁', exact: true }).click();
  await expect(page.getByLabel('边民证号', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '立即同步' }).click();
  await waitForSync(page);

  expect(tokens.length, 'the sign-in answer carried tokens').toBeGreaterThanOrEqual(2);
  const stored = await everythingStored(page);
  expect(stored.databases.some((name) => name.startsWith('borderdesk-')), 'the desk keeps its data in IndexedDB').toBe(true);
  for (const [where, text] of Object.entries({ webStorage: stored.webStorage, cookies: stored.cookies, indexedDb: stored.indexedDb })) {
    for (const token of tokens) expect(text.includes(token), `${where} holds a token`).toBe(false);
    expect(text.includes(`"${PASSWORD}"`) || text.includes(`=${PASSWORD}`), `${where} holds the password`).toBe(false);
  }
  // The refresh token is there, sealed: the accounts database holds something for this officer.
  expect(stored.indexedDb).toContain('dx.officer1');
  await desk.close();
});
