import { contextBridge, ipcRenderer } from 'electron';
import { createDeskBridge } from './preload-bridge';

/** The only thing the page sees of Electron: one frozen object, no ipcRenderer, no channel names. */
contextBridge.exposeInMainWorld(
  'borderdesk',
  createDeskBridge((channel, args) => ipcRenderer.invoke(channel, args)),
);
