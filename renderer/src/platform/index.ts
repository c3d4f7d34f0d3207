import type { DeskBridge } from '../../../shared/index';
import type { DeskPlatform } from './desk-platform';
import { createElectronPlatform } from './platform.electron';
import { webPlatform } from './platform.web';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a browser. */
    borderdesk?: DeskBridge;
  }
}

function detect(): DeskPlatform {
  const bridge = typeof window === 'undefined' ? undefined : window.borderdesk;
  return bridge?.platform === 'electron' ? createElectronPlatform(bridge) : webPlatform;
}

export const platform: DeskPlatform = detect();
export type { DeskPlatform, SecretStore } from './desk-platform';
