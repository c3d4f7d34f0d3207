import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyTwoStepEvent,
  decideTwoStepMutation,
  DESK_TWO_STEP_EVENTS,
  demoTwoStepEntry,
  pullResponseSchema,
  pushResponseSchema,
  RECEIPT_CODES,
  ROUTES,
  receiptsResponseSchema,
  receiptToEvent,
  type Session,
  type TwoStepEntry,
  type TwoStepRecord,
} from '../../shared/index';
import { deskChain } from '../testing/audit-chain';
import { type Harness, officerId, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Desk and HQ agree on every sequence of two-step events (issue 5). The HQ path is the
 * real one: each desk event pushed over HTTP (record kind two_step_entry), each customs
 * receipt posted to /api/v1/receipts, the result read back from the pull feed. The desk
 * path is what the desk runs offline and on pull (decideTwoStepMutation for its own
 * events, as saveTwoStepChange does; applyTwoStepEvent for receipts it pulls). Both must
 * accept and refuse the same steps and end in the same state with the same history.
 */
const RUNS = Number(process.env.BORDERDESK_PROPERTY_RUNS ?? 12);
const DEVICE = 'desk-agree-0001';

type Step = { kind: 'desk'; event: (typeof DESK_TWO_STEP_EVENTS)[number] } | { kind: 'receipt'; code: string };

/** Steps along the usual path come more often, so that sequences reach release and close, not only refusals. */
const USUAL: Step[] = [
  { kind: 'desk', event: 'declare_summary' },
  { kind: 'receipt', code: 'SpL' },
  { kind: 'receipt', code: 'SpJ' },
  { kind: 'desk', event: 'record_arrival' },
  { kind: 'receipt', code: 'SpC' },
  { kind: 'desk', event: 'record_inspection' },
  { kind: 'desk', event: 'release' },
  { kind: 'desk', event: 'declare_full' },
  { kind: 'receipt', code: 'G' },
  { kind: 'receipt', code: 'P' },
  { kind: 'receipt', code: 'R' },
];
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...USUAL) },
  fc.constantFrom(...DESK_TWO_STEP_EVENTS).map((event) => ({ kind: 'desk' as const, event })),
  fc.constantFrom(...RECEIPT_CODES).map((code) => ({ kind: 'receipt' as const, code })),
);

/** The plain entry, one under inspection (涉检, complete), or a taxable one with or without its guarantee. */
const variantOf = (base: TwoStepEntry, which: number): TwoStepEntry => {
  if (which === 1) {
    return {
      ...base,
      flags: { ...base.flags, inspection: true },
      lines: base.lines.map((l) => ({ ...l, hsCode: '0801110000', inspection: { qualification: 'QY4500001', ciqName: '干椰子肉', goodsAttribute: '19', purpose: '99' } })),
    };
  }
  if (which === 2) return { ...base, flags: { ...base.flags, taxable: true }, guaranteeNo: 'DB7201-2026-0001' };
  if (which === 3) return { ...base, flags: { ...base.flags, taxable: true }, guaranteeNo: null };
  return base;
};

describe.each(STORE_VARIANTS)('desk and HQ agree on two-step event sequences ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer: Session;
  let admin: Session;
  let chain = deskChain(DEVICE);

  beforeAll(async () => {
    chain = deskChain(DEVICE);
    store = await variant.create();
    h = await startHarness(store);
    officer = await h.login('dx.officer1', DEVICE);
    admin = await h.login('hq.admin', 'agree-customs-link');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  async function pushOne(mutation: unknown): Promise<boolean> {
    const res = await h.push(officer.accessToken, [mutation], DEVICE);
    expect(res.status).toBe(200);
    return pushResponseSchema.parse(await res.json()).results[0]?.status === 'applied';
  }

  async function hqEntry(id: string): Promise<TwoStepRecord | undefined> {
    let found: TwoStepRecord | undefined;
    let cursor = 0;
    for (;;) {
      const page = pullResponseSchema.parse(await (await h.pull(officer.accessToken, cursor, 5000)).json());
      for (const change of page.changes) if (change.entity === 'two_step_entry' && change.data.id === id) found = change.data;
      cursor = page.cursor;
      if (!page.hasMore) return found;
    }
  }

  it('accepts and refuses the same steps and ends in the same state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.array(step, { minLength: 1, maxLength: 14 }), async (which, steps) => {
        const who = { officerId: officerId('dx.officer1'), deviceId: DEVICE };
        const now = new Date().toISOString();
        const entry = variantOf(demoTwoStepEntry({ id: randomUUID(), officerId: who.officerId, deviceId: DEVICE, createdAt: now }), which);
        const create = chain.link({ id: randomUUID(), type: 'two_step.create' as const, deskTime: now, record: entry });
        expect(await pushOne(create)).toBe(true);

        let desk = decideTwoStepMutation(create, undefined, who, now);
        if (!desk.ok) throw new Error(desk.error.message);
        let local = desk.data.record;
        const deskSaid: boolean[] = [];
        const hqSaid: boolean[] = [];
        for (const s of steps) {
          const at = new Date().toISOString();
          if (s.kind === 'desk') {
            const mutation = chain.link({ id: randomUUID(), type: 'two_step.event' as const, deskTime: at, portId: 'DONGXING', recordId: entry.id, event: s.event });
            desk = decideTwoStepMutation(mutation, local, who, at);
            hqSaid.push(await pushOne(mutation));
          } else {
            const event = receiptToEvent(s.code);
            if (!event.ok) throw new Error(event.error.message);
            const next = applyTwoStepEvent(local, event.data, { at, officerId: null });
            desk = next.ok ? { ok: true, data: { record: next.data, conflicts: [] } } : next;
            const res = await h.request(ROUTES.receipts, {
              method: 'POST',
              token: admin.accessToken,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ receipts: [{ id: randomUUID(), portId: 'DONGXING', entryId: entry.id, code: s.code, at }] }),
            });
            expect(res.status).toBe(200);
            hqSaid.push(receiptsResponseSchema.parse(await res.json()).results[0]?.status === 'applied');
          }
          deskSaid.push(desk.ok);
          if (desk.ok) local = desk.data.record;
        }
        expect(hqSaid).toEqual(deskSaid);
        const held = await hqEntry(entry.id);
        expect(held?.state).toEqual(local.state);
        expect(held?.history.map((i) => [i.type, i.receipt, i.status, i.by])).toEqual(local.history.map((i) => [i.type, i.receipt, i.status, i.by]));
        expect(held?.version).toBe(local.version);
      }),
      { numRuns: RUNS },
    );
  });
});
