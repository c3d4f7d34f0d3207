import { describe, expect, it } from 'vitest';
import { DeskChain } from '../testing/audit-chain';
import { declarationMutation } from '../testing/hq-harness';
import { createdRecordJson, type HqPart } from './push-outcome';
import { preparse, preparseYielding } from './push-plan';

describe('preparseYielding', () => {
  it('gives what preparse gives, in order, across slices, for well-formed and malformed mutations alike', async () => {
    const chain = new DeskChain();
    const raw: unknown[] = [];
    for (let i = 0; i < 300; i++) {
      const mutation = declarationMutation({ certificateNo: `DX${String(100 + (i % 50)).padStart(6, '0')}`, chain });
      // Every 7th is broken in a different way: the slow path, inside and at the edges of slices.
      if (i % 7 === 3) raw.push({ ...mutation, record: { ...mutation.record, totalFen: 'lots' } });
      else if (i === 127 || i === 128) raw.push({ id: 'not-a-uuid', type: 'declaration.create' });
      else raw.push(mutation);
    }
    raw.push(null, 42, 'text');
    const yielded = await preparseYielding(raw);
    expect(yielded).toEqual(preparse(raw));
    expect(yielded.map((m) => m.index)).toEqual(raw.map((_, i) => i));
    expect(yielded.filter((m) => m.parsed.ok)).toHaveLength(300 - 43 - 2);
  });

  it('gives the event loop back while it works, so a lock holder can send its next statement', async () => {
    const chain = new DeskChain();
    const raw = Array.from({ length: 600 }, (_, i) => declarationMutation({ certificateNo: `DX${String(100 + (i % 50)).padStart(6, '0')}`, chain }));
    let immediateRan = false;
    setImmediate(() => {
      immediateRan = true;
    });
    const pending = preparseYielding(raw);
    expect(immediateRan).toBe(false);
    await pending;
    expect(immediateRan).toBe(true);
  });
});

describe('createdRecordJson', () => {
  it('writes exactly JSON.stringify of the new declaration, from the draft JSON made before the lock', () => {
    const chain = new DeskChain();
    const plain = declarationMutation({ certificateNo: 'DX000101', chain });
    const withExtras = chain.link({
      ...plain,
      id: crypto.randomUUID(),
      record: { ...plain.record, id: crypto.randomUUID(), remarks: '备注 "quoted" \\ \u2028 line\nbreak', groupDeclarationId: crypto.randomUUID() },
    });
    const hqParts: HqPart[] = [
      { status: 'declared', hqExemptFen: 800_000, hqTaxableFen: 0, hqReceivedAt: '2026-12-07T08:00:00.000Z', flags: [], version: 1, edits: {} },
      {
        status: 'declared',
        hqExemptFen: 0,
        hqTaxableFen: 100_000,
        hqReceivedAt: '2026-12-07T08:00:00.000Z',
        flags: [{ code: 'quota_exceeded_elsewhere', message: '超出 "额度"', messageEn: 'over the "amount"', at: '2026-12-07T08:00:00.000Z' }],
        version: 1,
        edits: {},
      },
    ];
    const preparsed = preparse([plain, withExtras]);
    expect(preparsed.map((m) => m.draftJson === null)).toEqual([false, false]);
    for (const m of preparsed) {
      if (!m.parsed.ok || m.parsed.data.type !== 'declaration.create' || m.draftJson === null) throw new Error('expected a fast-parsed create');
      for (const hqPart of hqParts) {
        const text = createdRecordJson(m.draftJson, hqPart);
        expect(text).toBe(JSON.stringify(Object.assign({}, m.parsed.data.record, hqPart)));
        expect(text).not.toContain('\n');
      }
    }
  });

  it('is made only for creates the fast parser took', () => {
    const chain = new DeskChain();
    const good = declarationMutation({ certificateNo: 'DX000101', chain });
    const [slow] = preparse([{ ...good, record: { ...good.record, surprise: 1 } }]);
    expect(slow?.draftJson).toBeNull();
  });
});
