import { describe, expect, it } from 'vitest';
import { DeskChain } from '../testing/audit-chain';
import { declarationMutation } from '../testing/hq-harness';
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
