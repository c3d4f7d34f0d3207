import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from './menu';

const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.label === undefined ? [] : [item.label]),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);

describe('buildMenuTemplate', () => {
  const onAbout = vi.fn();

  it('labels every item in Chinese, then English', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const all = labels(buildMenuTemplate({ platform, isPackaged: false, onAbout }));
      expect(all.length).toBeGreaterThan(10);
      for (const label of all.filter((l) => l !== 'BorderDesk')) expect(label).toMatch(/^[\u4e00-\u9fff]+ [A-Za-z]/);
    }
  });

  it('offers developer tools only in development builds', () => {
    const dev = labels(buildMenuTemplate({ platform: 'linux', isPackaged: false, onAbout }));
    const packaged = labels(buildMenuTemplate({ platform: 'linux', isPackaged: true, onAbout }));
    expect(dev).toContain('开发者工具 Developer Tools');
    expect(packaged).not.toContain('开发者工具 Developer Tools');
  });

  it('puts the app menu first on macOS only', () => {
    expect(buildMenuTemplate({ platform: 'darwin', isPackaged: true, onAbout })[0]?.label).toBe('BorderDesk');
    expect(buildMenuTemplate({ platform: 'win32', isPackaged: true, onAbout })[0]?.label).toBe('文件 File');
  });
});
