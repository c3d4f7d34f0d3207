import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutationSchema, pushResponseSchema, type Session } from '../../shared/index';
import { deskChain, relinked } from '../testing/audit-chain';
import { hostileNumber, hostileString, hostileValue, pathsOf, setAt } from '../testing/hostile';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { arrivalMutation, centralEvent, centralMutation, saleMutation, transportMutation } from '../testing/processing-kit';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * Landing-processing pushes with one hostile value put anywhere: HQ answers 200 with a
 * result per mutation (never a 5xx, never a half-applied batch), refuses what its schema
 * refuses, and a replay of the batch gets the same answers.
 */
const RUNS = Number(process.env.BORDERDESK_FUZZ_RUNS ?? 25);
const DEVICE = 'desk-proc-fuzz-01';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A whole flow as a desk would push it, for one demo resident. */
const flow = fc.integer({ min: 200, max: 2999 }).map((n) => {
  const declaration = declarationMutation({ certificateNo: `DX${String(n).padStart(6, '0')}`, valueFen: 100_000, deviceId: DEVICE });
  const sale = saleMutation(declaration.record, 10, { deviceId: DEVICE });
  const central = centralMutation([sale.record.id], { deviceId: DEVICE });
  const transport = transportMutation(central.record.id, { deviceId: DEVICE });
  return [
    declaration,
    sale,
    central,
    centralEvent(central.record.id, { type: 'declare', at: new Date().toISOString() }),
    transport,
    arrivalMutation(transport.record.id),
    centralEvent(central.record.id, { type: 'settle_tax', paidFen: 0, receiptNo: '', at: new Date().toISOString() }),
  ] as object[];
});

const hostile = fc.oneof(hostileString, hostileNumber, hostileValue, fc.constant(undefined));

describe.each(STORE_VARIANTS)('landing processing push fuzz ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer: Session;

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    officer = await h.login('dx.officer1', DEVICE);
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('answers every damaged flow with one result per mutation, and the same again on replay', async () => {
    await fc.assert(
      fc.asyncProperty(flow, fc.nat(), fc.nat(), hostile, async (mutations, which, pick, value) => {
        const chain = deskChain(DEVICE);
        const linked: unknown[] = mutations.map((m) => ('audit' in m ? m : chain.link(m)));
        const index = 1 + (which % (linked.length - 1));
        const target = linked[index] as object;
        const paths = pathsOf(target).filter((path) => path.length > 0 && path[0] !== 'portId' && !(path[0] === 'record' && path[1] === 'portId'));
        linked[index] = relinked(DEVICE, setAt(target, paths[pick % paths.length] ?? [], value) as object);
        const send = () => h.push(officer.accessToken, linked, DEVICE);
        const res = await send();
        expect(res.status).toBe(200);
        const { results } = pushResponseSchema.parse(await res.json());
        expect(results.map((r) => r.index)).toEqual(linked.map((_, i) => i));
        expect(results[0]?.status).toBe('applied');
        if (!mutationSchema.safeParse(linked[index]).success) expect(results[index]?.status).toBe('rejected');
        for (const r of results) if (r.status === 'rejected') expect(r.error?.message.length).toBeGreaterThan(0);
        const again = pushResponseSchema.parse(await (await send()).json()).results;
        expect(again.map((r) => [r.status, r.replayed])).toEqual(results.map((r) => [r.status, UUID.test(r.id ?? '')]));
      }),
      { numRuns: RUNS },
    );
  });
});
