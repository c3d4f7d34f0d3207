/**
 * npx tsx bench/hq-push-profile.ts [--store postgres|pglite] [--batches 12] [--batch 2000]
 *
 * Why bench:hq's desks wait: the port's lock is held for the whole push transaction, so a
 * port's pushes run one after another, each as long as its transaction. This runs HQ's
 * push (handlePush) in-process, one desk, batch after batch, and splits each
 * transaction's time into the SQL statements (timed one by one) and HQ's JavaScript
 * between them; plus the work before the lock (parsing, audit hashes). A tool for finding
 * the critical path, not a figure for docs.
 */
import { parseArgs } from 'node:util';
import type { AccessClaims } from '../server/auth/access-tokens';
import { type Db, openStore, type Queryable, type Row } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { silentLogger } from '../server/log';
import { demoGoodsList, demoPolicy } from '../server/seed/demo-data';
import { handlePush } from '../server/sync/push';
import { PortQueue } from '../server/sync/port-queue';
import { GoodsListCache } from '../server/sync/reference-snapshot';
import { PROTOCOL_VERSION } from '../shared/index';
import { makeDeskMutations, seededRandom } from './hq-drafts';
import { type BenchStore, makeScratchStore } from './hq-server';
import { fillStore, planDesks, TRADE_DAYS } from './hq-setup';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'postgres' },
    batches: { type: 'string', default: '12' },
    batch: { type: 'string', default: '2000' },
  },
  strict: true,
});
const storeKind = values.store as BenchStore;
const batches = Number(values.batches);
const batchSize = Number(values.batch);

const sqlTimes = new Map<string, { ms: number; count: number }>();
let inTransaction = false;
let sqlInTransactionMs = 0;

function timed(target: Queryable): Queryable {
  const note = (sql: string, ms: number) => {
    const label = sql.replace(/\s+/g, ' ').trim().slice(0, 60);
    const entry = sqlTimes.get(label) ?? { ms: 0, count: 0 };
    entry.ms += ms;
    entry.count++;
    sqlTimes.set(label, entry);
    if (inTransaction) sqlInTransactionMs += ms;
  };
  return {
    async query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      const started = performance.now();
      const rows = await target.query<T>(sql, params);
      note(sql, performance.now() - started);
      return rows;
    },
    async exec(sql: string): Promise<void> {
      const started = performance.now();
      await target.exec(sql);
      note(sql, performance.now() - started);
    },
  };
}

let transactionMs = 0;
function timedDb(db: Db): Db {
  return {
    ...db,
    ...timed(db),
    async transaction(fn) {
      const started = performance.now();
      inTransaction = true;
      try {
        return await db.transaction((tx) => fn(timed(tx)));
      } finally {
        inTransaction = false;
        transactionMs += performance.now() - started;
      }
    },
  };
}

async function main(): Promise<void> {
  const scratch = await makeScratchStore(storeKind);
  const db = await openStore(scratch.options);
  try {
    await migrate(db);
    const [port] = planDesks(new Map([['DONGXING', 34]]), 8000);
    if (port === undefined) throw new Error('no plan');
    await fillStore(db, [port]);
    const desk = port.desks[0];
    if (desk === undefined) throw new Error('no desk');
    // The desk's officer, straight into the store (this tool has no HTTP).
    const officerId = crypto.randomUUID();
    await db.query(
      `INSERT INTO officers (port_id, officer_id, username, role, password_hash, seq, data)
       VALUES ('DONGXING', $1, $2, 'officer', 'x', 1000000, $3::jsonb)`,
      [officerId, desk.username, JSON.stringify({ id: officerId, portId: 'DONGXING', username: desk.username, name: desk.name, role: 'officer' })],
    );
    const mutations = makeDeskMutations({
      desk,
      officerId,
      count: batches * batchSize,
      residents: port.residents,
      goodsList: demoGoodsList('DONGXING'),
      policy: demoPolicy('DONGXING'),
      now: new Date(),
      random: seededRandom(7),
      tradeDays: TRADE_DAYS,
    });
    const deps = { db: timedDb(db), logger: silentLogger, goodsLists: new GoodsListCache(), queue: new PortQueue() };
    const claims: AccessClaims = { v: 1, sub: officerId, port: 'DONGXING', role: 'officer', exp: Date.now() + 3_600_000 };
    const texts: string[] = [];
    for (let i = 0; i < mutations.length; i += batchSize) {
      texts.push(`{"protocolVersion":${PROTOCOL_VERSION},"deviceId":"${desk.deviceId}","mutations":[${mutations.slice(i, i + batchSize).map((m) => JSON.stringify(m)).join(',')}]}`);
    }
    let parseMs = 0;
    let pushMs = 0;
    let answerMs = 0;
    const cpu0 = process.cpuUsage();
    for (const [k, text] of texts.entries()) {
      const t0 = performance.now();
      const body: unknown = JSON.parse(text);
      const t1 = performance.now();
      const answer = await handlePush(deps, claims, body, new Date());
      const t2 = performance.now();
      if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
      JSON.stringify(answer.data);
      const t3 = performance.now();
      const applied = answer.data.results.filter((r) => r.status === 'applied').length;
      if (applied !== batchSize) throw new Error(`batch ${k}: ${applied} applied`);
      if (k === 0) {
        // The first batch fills the resident cache: leave it out of the figures.
        sqlTimes.clear();
        sqlInTransactionMs = 0;
        transactionMs = 0;
        continue;
      }
      parseMs += t1 - t0;
      pushMs += t2 - t1;
      answerMs += t3 - t2;
    }
    const n = texts.length - 1;
    const cpu = process.cpuUsage(cpu0);
    const per = (ms: number) => (ms / n).toFixed(1).padStart(7);
    console.log(`store=${storeKind}, batches of ${batchSize}, ${n} measured (after one warm-up), ms per batch:`);
    console.log(`${per(parseMs)}  JSON.parse of the body (HTTP layer)`);
    console.log(`${per(pushMs)}  handlePush in all`);
    console.log(`${per(pushMs - transactionMs)}    before the lock (envelope, preparse: fast parse, canonical JSON + SHA-256 of each link)`);
    console.log(`${per(transactionMs)}    the transaction (the port's lock is held for all of it)`);
    console.log(`${per(sqlInTransactionMs)}      SQL statements (round trips included)`);
    console.log(`${per(transactionMs - sqlInTransactionMs)}      HQ's JavaScript between them (decide, chain walk, building parameters)`);
    console.log(`${per(answerMs)}  JSON.stringify of the answer`);
    console.log(`process CPU ${((cpu.user + cpu.system) / 1000 / texts.length).toFixed(1)} ms per batch (PGlite's included when in-process)`);
    for (const [label, { ms, count }] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(`${per(ms)}  ${String(count).padStart(4)}x  ${label}`);
    }
  } finally {
    await db.close();
    await scratch.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
