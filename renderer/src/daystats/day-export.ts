import { type DayStats, dayStatsCsvRows, dayStatsFileName, dayStatsTables, writeCsv, writeXlsx } from '../../../shared/index';

/**
 * The day's figures as a file the browser downloads. A Blob and an <a download> work the
 * same in web mode and in Electron (whose default download handling asks where to save),
 * so no IPC channel is needed for it.
 */
export interface ExportFile {
  name: string;
  type: string;
  content: string | Uint8Array<ArrayBuffer>;
}

export function dayCsvFile(stats: DayStats, portId: string): ExportFile {
  return { name: dayStatsFileName(portId, stats.date, 'csv'), type: 'text/csv;charset=utf-8', content: writeCsv(dayStatsCsvRows(stats, portId)) };
}

export function dayXlsxFile(stats: DayStats, portId: string): ExportFile {
  const bytes = writeXlsx(dayStatsTables(stats, portId));
  const copy = new Uint8Array(new ArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return { name: dayStatsFileName(portId, stats.date, 'xlsx'), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: copy };
}

export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; a moment later the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
