import { fail, ok } from '../../../shared/index';
import { accountsDb } from '../db/accounts-db';
import type { DeskPlatform, SecretStore } from './desk-platform';

const webSecrets: SecretStore = {
  async save(key, value) {
    try {
      await accountsDb().secrets.put({ key, value });
      return ok(null);
    } catch (error) {
      return fail('internal', `无法保存 / Could not store secret: ${String(error)}`);
    }
  },
  async load(key) {
    try {
      return ok((await accountsDb().secrets.get(key))?.value ?? null);
    } catch (error) {
      return fail('internal', `无法读取 / Could not read secret: ${String(error)}`);
    }
  },
  async remove(key) {
    try {
      await accountsDb().secrets.delete(key);
      return ok(null);
    } catch (error) {
      return fail('internal', `无法删除 / Could not remove secret: ${String(error)}`);
    }
  },
};

/** The desk in a browser, served by HQ: the API is same-origin. */
export const webPlatform: DeskPlatform = {
  kind: 'web',
  hqBaseUrl: async () => location.origin,
  secrets: webSecrets,
  enableOfflineStart() {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    navigator.serviceWorker
      .register('./sw.js', { scope: './' })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => registration.active?.postMessage({ type: 'refresh-cache' }))
      .catch((error: unknown) => {
        console.warn('service worker not registered; the desk will need the network to start', error);
      });
  },
};
