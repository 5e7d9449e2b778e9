import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  const applied = await migrate(db.pool);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await db.close();
}
