import type { Page } from '@playwright/test';

/** What a desk's IndexedDB holds, read directly (not through the app) for exact counts. */
export interface DeskContents {
  counts: Record<string, number>;
  declarations: { id: string; certificateNo: string; hqReceivedAt: string | null; flags: { code: string }[] }[];
  outbox: { id: string; recordId: string }[];
  pullCursor: number | null;
}

export function deskDbNameOf(username: string, portId = 'DONGXING'): string {
  return `borderdesk-${portId}-${username}`;
}

export function readDesk(page: Page, username: string): Promise<DeskContents> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const stores = [...db.objectStoreNames];
      const tx = db.transaction(stores, 'readonly');
      const ask = <T>(request: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const counts: Record<string, number> = {};
      for (const store of stores) counts[store] = await ask(tx.objectStore(store).count());
      const declarations = (await ask(tx.objectStore('declarations').getAll())).map(
        (d: { id: string; certificateNo: string; hqReceivedAt: string | null; flags: { code: string }[] }) => ({
          id: d.id,
          certificateNo: d.certificateNo,
          hqReceivedAt: d.hqReceivedAt,
          flags: d.flags.map((f) => ({ code: f.code })),
        }),
      );
      const outbox = (await ask(tx.objectStore('outbox').getAll())).map((e: { id: string; recordId: string }) => ({
        id: e.id,
        recordId: e.recordId,
      }));
      const cursor = (await ask(tx.objectStore('meta').get('pullCursor'))) as { value: unknown } | undefined;
      return { counts, declarations, outbox, pullCursor: typeof cursor?.value === 'number' ? cursor.value : null };
    } finally {
      db.close();
    }
  }, deskDbNameOf(username));
}
