import { parseArgs } from 'node:util';
import { describeStore, openStore } from '../db/db';
import { migrate } from '../db/migrate';
import { storeOptionsFrom } from '../main-options';
import { seedDemoData } from './seed';

/** `npm run hq:seed [-- --data-dir DIR | --database-url URL]`: demo data into the store HQ would use. */
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } },
  strict: true,
});
const store = storeOptionsFrom(values, process.env);
const db = await openStore(store);
try {
  await migrate(db);
  const didSeed = await seedDemoData(db);
  process.stdout.write(`${didSeed ? 'Demo data loaded' : 'Demo data already present: nothing to do'} (${describeStore(store)})\n`);
} finally {
  await db.close();
}
