import type { DeskBridge } from '../../../shared/index';
import type { DeskPlatform } from './desk-platform';

/** The desk inside Electron: HQ's address comes from the shell, secrets go to safeStorage. */
export function createElectronPlatform(bridge: DeskBridge): DeskPlatform {
  let hqUrl: Promise<string> | null = null;
  return {
    kind: 'electron',
    hqBaseUrl() {
      hqUrl ??= bridge.getConfig().then((result) => {
        if (!result.ok) throw new Error(`desk config unavailable: ${result.error.message}`);
        return result.data.hqUrl.replace(/\/+$/, '');
      });
      return hqUrl;
    },
    secrets: {
      save: (key, value) => bridge.saveSecret({ key, value }),
      load: (key) => bridge.loadSecret({ key }),
      remove: (key) => bridge.removeSecret({ key }),
    },
    enableOfflineStart() {
      // Electron loads the renderer from its own files: nothing to cache.
    },
  };
}

