import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../shared/index';
import { DeskDb, deskDbName } from '../db/desk-db';
import * as demo from '../testing/demo-data';
import { searchResidents } from './resident-search';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function seeded(): Promise<DeskDb> {
  const name = deskDbName('DONGXING', `r${crypto.randomUUID().slice(0, 8)}`);
  names.push(name);
  const db = new DeskDb(name);
  await db.open();
  await db.residents.bulkPut([
    demo.resident(1, { name: '黄文明' }),
    demo.resident(2, { name: '黄秀英' }),
    demo.resident(12, { name: '陈海' }),
    demo.resident(120, { name: 'Nguyễn Văn An', idNumber: '45068119850505123X' }),
    demo.resident(7, { name: '黄其他', portId: 'PINGXIANG', certificateNo: 'PX000007' }),
  ]);
  return db;
}
const certs = (r: { residents: { certificateNo: string }[] }) => r.residents.map((x) => x.certificateNo);

describe('searchResidents', () => {
  it('finds by certificate number prefix, upper-cased', async () => {
    const db = await seeded();
    expect(certs(await searchResidents(db, 'DONGXING', 'dx00001'))).toEqual(['DX000012']);
    expect(certs(await searchResidents(db, 'DONGXING', 'DX0000'))).toEqual(['DX000001', 'DX000002', 'DX000012']);
    expect(certs(await searchResidents(db, 'DONGXING', 'DX0001'))).toEqual(['DX000120']);
    expect(certs(await searchResidents(db, 'DONGXING', 'DX9'))).toEqual([]);
    db.close();
  });

  it('finds by a whole ID number (x or X) and by an ID number prefix', async () => {
    const db = await seeded();
    expect(certs(await searchResidents(db, 'DONGXING', '45068119850505123x'))).toEqual(['DX000120']);
    expect(certs(await searchResidents(db, 'DONGXING', '450681199001000002'))).toEqual(['DX000002']);
    expect(certs(await searchResidents(db, 'DONGXING', '4506811985'))).toEqual(['DX000120']);
    db.close();
  });

  it('finds by name prefix, only at this port', async () => {
    const db = await seeded();
    expect(certs(await searchResidents(db, 'DONGXING', '黄'))).toEqual(['DX000001', 'DX000002']);
    expect(certs(await searchResidents(db, 'DONGXING', '黄秀'))).toEqual(['DX000002']);
    expect(certs(await searchResidents(db, 'DONGXING', 'Nguyễn'))).toEqual(['DX000120']);
    expect(certs(await searchResidents(db, 'PINGXIANG', '黄'))).toEqual(['PX000007']);
    db.close();
  });

  it('lists everyone by certificate when nothing is typed, and says when it cut the list', async () => {
    const db = await seeded();
    expect(certs(await searchResidents(db, 'DONGXING', '  '))).toEqual(['DX000001', 'DX000002', 'DX000012', 'DX000120']);
    const cut = await searchResidents(db, 'DONGXING', '', 2);
    expect(certs(cut)).toEqual(['DX000001', 'DX000002']);
    expect(cut.isTruncated).toBe(true);
    expect((await searchResidents(db, 'DONGXING', '')).isTruncated).toBe(false);
    db.close();
  });

  it('lists show the ID number masked: region and last four only', () => {
    expect(maskIdNumber('45068119850505123X')).toBe('450681********123X');
    expect(maskIdNumber('45068119850505123X')).not.toContain('19850505');
  });
});
