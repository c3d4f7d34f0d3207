import { DEMO_SITES } from '../../shared/index';
import { storeSite } from '../admin/site-write';
import type { Db } from '../db/db';
import { hashPassword } from '../auth/passwords';
import {
  insertPort,
  upsertGoodsLists,
  upsertMarketPoints,
  upsertOfficers,
  upsertPolicies,
  upsertResidents,
} from '../reference/reference-store';
import {
  DEMO_MARKET_POINTS,
  DEMO_OFFICERS,
  DEMO_PASSWORD,
  DEMO_PORTS,
  demoGoodsList,
  demoPolicy,
  demoResidents,
} from './demo-data';
import { lockPortCounter } from '../sync/seq';
import { demoTwoStepPolicy, upsertTwoStepPolicies } from './two-step-demo';
import { demoGatePolicy, upsertGatePolicies } from '../admin/gate-policy-write';
import { seedProcessing } from './processing-demo';
import { seedDemoGroups } from './group-demo';

/**
 * Loads the demo data (docs/hq-storage.md lists it) into a migrated store, in one
 * transaction. Idempotent: does nothing when any port exists. Returns whether it seeded.
 */
export async function seedDemoData(db: Db): Promise<boolean> {
  const existing = await db.query('SELECT 1 FROM ports LIMIT 1');
  if (existing.length > 0) return false;
  const hashes = await Promise.all(DEMO_OFFICERS.map(() => hashPassword(DEMO_PASSWORD)));
  const officers = DEMO_OFFICERS.map((officer, i) => ({ officer, passwordHash: hashes[i] ?? '' }));
  return db.transaction(async (tx) => {
    // Two HQ processes seeding at once: the second waits here, then finds the ports.
    await tx.query('LOCK TABLE ports IN EXCLUSIVE MODE');
    if ((await tx.query('SELECT 1 FROM ports LIMIT 1')).length > 0) return false;
    for (const port of DEMO_PORTS) {
      const { portId } = port;
      await insertPort(tx, { portId, name: port.name, nameEn: port.nameEn });
      await upsertPolicies(tx, portId, [demoPolicy(portId)]);
      await upsertGoodsLists(tx, portId, [demoGoodsList(portId)]);
      await upsertMarketPoints(tx, portId, DEMO_MARKET_POINTS.filter((p) => p.portId === portId));
      await upsertOfficers(tx, portId, officers.filter((o) => o.officer.portId === portId));
      await upsertResidents(tx, portId, demoResidents(portId));
      await upsertTwoStepPolicies(tx, portId, [demoTwoStepPolicy(portId)]);
      await upsertGatePolicies(tx, portId, [demoGatePolicy(portId)]);
      await seedProcessing(tx, portId);
    }
    // Dongxing's five designated sites, built and awaiting acceptance (shared/model/site-demo.ts).
    for (const site of DEMO_SITES) {
      await lockPortCounter(tx, site.portId);
      const stored = await storeSite(tx, site);
      if (!stored.ok) throw new Error(`demo site ${site.id}: ${stored.error.message}`);
    }
    // Dongxing's two demo mutual-aid groups (group-demo.ts).
    await seedDemoGroups(tx);
    return true;
  });
}
