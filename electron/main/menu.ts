import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  onAbout: () => void;
}

/** zh-CN first, English after: officers read Chinese, support staff may not. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: '重新加载 Reload' },
    { role: 'resetZoom', label: '实际大小 Actual Size' },
    { role: 'zoomIn', label: '放大 Zoom In' },
    { role: 'zoomOut', label: '缩小 Zoom Out' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏 Full Screen' },
  ];
  if (!options.isPackaged) view.push({ role: 'toggleDevTools', label: '开发者工具 Developer Tools' });

  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件 File',
      submenu: [isMac ? { role: 'close', label: '关闭窗口 Close Window' } : { role: 'quit', label: '退出 Quit' }],
    },
    {
      label: '编辑 Edit',
      submenu: [
        { role: 'undo', label: '撤销 Undo' },
        { role: 'redo', label: '重做 Redo' },
        { type: 'separator' },
        { role: 'cut', label: '剪切 Cut' },
        { role: 'copy', label: '复制 Copy' },
        { role: 'paste', label: '粘贴 Paste' },
        { role: 'selectAll', label: '全选 Select All' },
      ],
    },
    { label: '视图 View', submenu: view },
    {
      label: '窗口 Window',
      submenu: [
        { role: 'minimize', label: '最小化 Minimize' },
        { role: 'close', label: '关闭 Close' },
      ],
    },
    {
      label: '帮助 Help',
      submenu: [{ label: '关于 BorderDesk About', click: () => options.onAbout() }],
    },
  ];
  if (isMac) {
    template.unshift({
      label: 'BorderDesk',
      submenu: [
        { label: '关于 BorderDesk About', click: () => options.onAbout() },
        { type: 'separator' },
        { role: 'hide', label: '隐藏 Hide' },
        { role: 'quit', label: '退出 Quit' },
      ],
    });
  }
  return template;
}
