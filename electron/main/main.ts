import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { APP_SCHEME, createAppRequestHandler, registerAppSchemePrivileges } from './app-protocol';
import { loadShellConfig } from './config';
import { buildContentSecurityPolicy } from './csp';
import { createIpcHandlers, registerIpcHandlers } from './ipc-handlers';
import { buildMenuTemplate } from './menu';
import { denyAllPermissions, hardenWebContents } from './navigation-guard';
import { createSecretStore, SECRETS_FILE_NAME, safeStorageCipher } from './secret-store';
import { createMainWindow } from './window';

// Entry point: wiring only. Each concern lives in its own module and is tested there.

const openExternal = async (url: URL): Promise<void> => {
  await shell.openExternal(url.href);
};

app.enableSandbox();
registerAppSchemePrivileges();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (url) => void openExternal(url).catch((error: unknown) => console.error(error)));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  const appPath = app.getAppPath();
  const config = await loadShellConfig(process.env, app.getPath('userData'));
  for (const warning of config.warnings) console.warn(`[config] ${warning}`);
  console.info(`[config] HQ ${config.hqUrl} (from ${config.source})`);

  denyAllPermissions(session.defaultSession);
  protocol.handle(
    APP_SCHEME,
    createAppRequestHandler({
      rootDir: join(appPath, 'dist', 'renderer'),
      contentSecurityPolicy: buildContentSecurityPolicy(config.hqOrigin),
    }),
  );
  registerIpcHandlers(
    ipcMain,
    createIpcHandlers({
      config,
      appVersion: app.getVersion(),
      secrets: createSecretStore(join(app.getPath('userData'), SECRETS_FILE_NAME), safeStorageCipher(safeStorage)),
      openExternal,
    }),
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        isPackaged: app.isPackaged,
        onAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: '关于 BorderDesk About',
            message: `BorderDesk ${app.getVersion()}`,
            detail: `边民互市申报台 Border-trade desk\nHQ: ${config.hqUrl}`,
          }),
      }),
    ),
  );

  const preloadPath = join(appPath, 'dist-electron', 'preload.cjs');
  createMainWindow({ preloadPath });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow({ preloadPath });
  });
}

function fail(error: unknown): void {
  console.error('[main] BorderDesk failed to start', error);
  dialog.showErrorBox('BorderDesk 无法启动 failed to start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
