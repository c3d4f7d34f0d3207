import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { saveDeclaration } from '../declarations/save-declaration';
import * as demo from '../testing/demo-data';
import { DeskDb, deskDbName, META } from './desk-db';

const names: string[] = [];

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('desk database', () => {
  it('is named per port and officer', () => {
    expect(deskDbName('DONGXING', 'dx.officer1')).toBe('borderdesk-DONGXING-dx.officer1');
  });

  it('keeps records, outbox order and the cursor across a close and reopen (v1)', async () => {
    const name = deskDbName('DONGXING', `t${crypto.randomUUID().slice(0, 8)}`);
    names.push(name);
    const first = new DeskDb(name);
    const r = demo.resident(1);
    await first.residents.put(r);
    const drafts = [demo.draft(r, 100), demo.draft(r, 200), demo.draft(r, 300)];
    for (const d of drafts) await saveDeclaration(first, d);
    await first.meta.put({ key: META.pullCursor, value: 42 });
    first.close();

    const again = new DeskDb(name);
    await again.open();
    expect(again.verno).toBe(1);
    expect((await again.residents.where('certificateNo').equals('DX000001').first())?.id).toBe(r.id);
    expect((await again.outbox.orderBy('seq').toArray()).map((e) => e.recordId)).toEqual(drafts.map((d) => d.id));
    expect(await again.declarations.where('[residentId+tradeDate]').equals([r.id, drafts[0]?.tradeDate ?? '']).count()).toBe(3);
    expect((await again.meta.get(META.pullCursor))?.value).toBe(42);
    again.close();
  });
});
