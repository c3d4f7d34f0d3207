import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_NUMBER, residentSchema } from '../../shared/index';
import { type Db, openStore } from '../db/db';
import { migrate } from '../db/migrate';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { demoResidents, demoUuid } from './demo-data';
import { idCheckDigit, isValidIdNumber } from './id-number';
import { seedDemoData } from './seed';

describe('demo data', () => {
  it('computes ID check digits by GB 11643', () => {
    // The standard's worked example.
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('makes valid, deterministic residents', () => {
    const residents = demoResidents('DONGXING');
    expect(residents).toHaveLength(3002);
    for (const r of residents) {
      expect(residentSchema.parse(r)).toEqual(r);
      expect(r.idNumber).toMatch(ID_NUMBER);
      expect(isValidIdNumber(r.idNumber)).toBe(true);
    }
    expect(residents[0]?.certificateNo).toBe('DX000001');
    expect(residents.at(-3)?.certificateNo).toBe('DX003000');
    expect(residents.find((r) => r.certificateNo === 'DX900001')?.status).toBe('expired');
    expect(residents.find((r) => r.certificateNo === 'DX900002')?.status).toBe('suspended');
    expect(demoResidents('DONGXING')).toEqual(residents);
    expect(demoUuid('x')).toBe(demoUuid('x'));
  });
});

describe.each(STORE_VARIANTS)('seedDemoData ($name)', (variant) => {
  let store: TestStore;
  let db: Db;

  beforeAll(async () => {
    store = await variant.create();
    db = await openStore(store.options);
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('loads the demo ports once, and does nothing the second time', async () => {
    expect(await seedDemoData(db)).toBe(true);
    expect(await seedDemoData(db)).toBe(false);
    const counts = await db.query<{ port_id: string; residents: number; last_seq: number }>(
      `SELECT p.port_id, p.last_seq, (SELECT count(*) FROM residents r WHERE r.port_id = p.port_id)::int8 AS residents
       FROM ports p ORDER BY p.port_id`,
    );
    expect(counts).toEqual([
      // … and Dongxing's two mutual-aid groups (server/seed/group-demo.ts), its two processing firms and each port's processing policy (server/seed/processing-demo.ts).
      { port_id: 'DONGXING', residents: 3002, last_seq: 3022 },
      { port_id: 'PINGXIANG', residents: 500, last_seq: 507 },
    ]);
    const logins = await db.query<{ username: string }>('SELECT username FROM officer_logins ORDER BY username');
    expect(logins.map((l) => l.username)).toEqual(['dx.officer1', 'dx.officer2', 'dx.supervisor', 'hq.admin', 'px.officer1']);
  });
});
