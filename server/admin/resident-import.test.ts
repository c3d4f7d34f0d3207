import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullResponseSchema, RESIDENT_ADMIN_PATHS, type Resident, type ResidentImportAnswer, type Session, writeXlsx } from '../../shared/index';
import { demoResidents } from '../seed/demo-data';
import { makeIdNumber } from '../seed/id-number';
import { type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call, hqState } from './admin-test-kit';

/**
 * Resident import (边民备案) at HQ from CSV and XLSX: bad rows named with the column and
 * the reason, good rows in, in one transaction; checked against the residents already
 * filed; desks receive the new residents at their next pull; administrators only.
 */
const HEADER = '姓名,身份证号,边民证号,乡镇,村,有效期起,有效期止,状态';
const id = (n: number) => makeIdNumber('450681', '1980-05-17', 500 + n);

describe.each(STORE_VARIANTS)('admin API: resident import ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  let officer: Session;
  const existing = demoResidents('DONGXING')[0] as Resident;

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-residents-0001');
    officer = await h.login('dx.officer1', 'desk-residents-0001');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  const importFile = (body: unknown, token = admin.accessToken) => call(h, token, 'POST', RESIDENT_ADMIN_PATHS.importResidents('DONGXING'), body);

  async function residentByCertificate(certificateNo: string): Promise<Resident | undefined> {
    const rows = await h.hq.db.query<{ data: Resident }>('SELECT data FROM residents WHERE port_id = $1 AND certificate_no = $2', ['DONGXING', certificateNo]);
    return rows[0]?.data;
  }

  it('files the good rows of a CSV, names each bad row with its column and reason, and desks pull the new residents', async () => {
    const csv = [
      HEADER,
      `黄文光,${id(1)},DX700001,东兴镇,竹山村,2025-01-01,2030-12-31,有效`,
      `陆丽华,${id(2).slice(0, 17)}${id(2).endsWith('0') ? '1' : '0'},DX700002,东兴镇,竹山村,2025-01-01,2030-12-31,有效`,
      `,${id(3)},DX700003,江平镇,万尾村,2025-01-01,2030-12-31,有效`,
      `韦德明,${id(4)},${existing.certificateNo},江平镇,万尾村,2025-01-01,2030-12-31,有效`,
      `农春梅,${id(5)},DX700005,马路镇,马路村,2025/1/1,2030年12月31日,暂停`,
      `李国良,${id(6)},DX700001,马路镇,北山村,2025-01-01,2030-12-31,有效`,
    ].join('\n');
    const answer = await importFile({ format: 'csv', fileName: 'residents.csv', content: csv });
    expect(answer.status).toBe(200);
    const result = answer.body as ResidentImportAnswer;
    expect(result).toMatchObject({ fileName: 'residents.csv', written: true, rowCount: 6, added: 2, updated: 0, unchanged: 0, badRowCount: 4 });
    const reasons = result.badRows.map((r) => [r.row, r.errors.map((e) => `${e.column}: ${e.message.en}`).join('; ')]);
    expect(reasons).toEqual([
      [3, expect.stringMatching(/^身份证号: ID number: the check character/)],
      [4, '姓名: required'],
      [5, `边民证号: certificate ${existing.certificateNo} is filed for another resident`],
      [7, '边民证号: same as row 2'],
    ]);
    expect(await residentByCertificate('DX700001')).toMatchObject({ name: '黄文光', status: 'valid' });
    expect(await residentByCertificate('DX700005')).toMatchObject({ validFrom: '2025-01-01', validTo: '2030-12-31', status: 'suspended' });
    expect(await residentByCertificate('DX700002')).toBeUndefined();
    expect(await residentByCertificate(existing.certificateNo)).toEqual(existing);

    const seq = result.seq ?? 0;
    const page = pullResponseSchema.parse(await (await h.pull(officer.accessToken, seq - 2, 10)).json());
    expect(page.changes.filter((c) => c.entity === 'resident').map((c) => (c.data as Resident).certificateNo).sort()).toEqual(['DX700001', 'DX700005']);
  });

  it('imports the first sheet of an XLSX file the same way; a renewal of a filed resident updates them, an unchanged row changes nothing', async () => {
    const filed = (await residentByCertificate('DX700001')) as Resident;
    const xlsx = writeXlsx([
      {
        name: '边民',
        rows: [
          HEADER.split(','),
          [filed.name, filed.idNumber, filed.certificateNo, filed.township, filed.village, '2025-01-01', '2035-12-31', '有效'],
          ['梁美玲', id(7), 'DX700007', '东兴镇', '松柏村', '2025-01-01', '2030-12-31', '有效'],
          ['苏永福', id(8), 'DX700008', '东兴镇', '松柏村', '2030-01-01', '2025-12-31', '有效'],
          ['何金凤', existing.idNumber, 'DX700009', '东兴镇', '松柏村', '2025-01-01', '2030-12-31', '有效'],
        ],
      },
    ]);
    const answer = await importFile({ format: 'xlsx', fileName: 'residents.xlsx', content: Buffer.from(xlsx).toString('base64') });
    expect(answer.status).toBe(200);
    const result = answer.body as ResidentImportAnswer;
    expect(result).toMatchObject({ written: true, added: 1, updated: 1, badRowCount: 2 });
    expect(result.badRows.map((r) => [r.row, r.errors[0]?.message.en])).toEqual([
      [4, 'valid to is before valid from'],
      [5, `this ID number already holds certificate ${existing.certificateNo}`],
    ]);
    expect(await residentByCertificate('DX700001')).toEqual({ ...filed, validTo: '2035-12-31' });

    const again = (await importFile({ format: 'xlsx', content: Buffer.from(xlsx).toString('base64') })).body as ResidentImportAnswer;
    expect(again).toMatchObject({ written: true, added: 0, updated: 0, unchanged: 2, seq: null });
  });

  it('writes nothing from a file it cannot read to its end, or from a file that is no workbook, and refuses anyone but an administrator', async () => {
    const before = await hqState(h.hq.db);
    const cut = await importFile({ format: 'csv', content: `${HEADER}\n梁小红,${id(9)},DX700010,东兴镇,竹山村,2025-01-01,2030-12-31,有效\n"莫世平,${id(10)},DX700011` });
    expect(cut.status).toBe(200);
    expect(cut.body).toMatchObject({ written: false, added: 0, badRowCount: 1, seq: null });
    expect((await importFile({ format: 'xlsx', content: Buffer.from('not a zip').toString('base64') })).status).toBe(400);
    expect((await importFile({ format: 'xlsx', content: '%%%' })).status).toBe(400);
    expect((await importFile({ format: 'csv', content: '姓名\n黄\n' })).body).toMatchObject({ error: { code: 'validation', field: 'header' } });
    expect((await importFile({ format: 'pdf', content: 'x' })).status).toBe(400);
    const refused = await importFile({ format: 'csv', content: `${HEADER}\n` }, officer.accessToken);
    expect(refused.status).toBe(403);
    const after = await hqState(h.hq.db);
    expect({ ...after, counts: { ...after.counts, refused_requests: 0 } }).toEqual({ ...before, counts: { ...before.counts, refused_requests: 0 } });
    expect(await residentByCertificate('DX700010')).toBeUndefined();
  });
});
