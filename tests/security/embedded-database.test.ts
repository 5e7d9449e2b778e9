/**
 * Issue #10 item 8: `npm start`'s embedded database (PGlite, when DATABASE_URL is unset) listened on a loopback TCP
 * port with no password (PGlite checks none), so any local user or process could read and change the gallery.
 * It now listens only on a Unix socket that only this user can open: the socket 0600 in a 0700 folder, its
 * location in `<pgliteDir>.url` (0600), no TCP port at all.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '@atelier/gallery-api/db/database';

/** The TCP sockets this process listens on (Linux: /proc), by inode. */
function listeningTcpSockets(): Set<string> {
  const mine = new Set(
    readdirSync('/proc/self/fd')
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
        } catch {
          return undefined; // closed meanwhile
        }
      })
      .filter((inode): inode is string => !!inode),
  );
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && mine.has(cols[9]!)) listening.add(cols[9]!); // state 0A = LISTEN
    }
  }
  return listening;
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('the embedded database is reachable only by this user (issue #10 item 8)', () => {
  let dir: string;
  let pgliteDir: string;
  let db: Database;
  let tcpBefore: Set<string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-embedded-'));
    pgliteDir = join(dir, 'pglite');
    tcpBefore = listeningTcpSockets();
    db = await openDatabase({ pgliteDir });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers queries, and opens no TCP port', async () => {
    expect(db.kind).toBe('pglite');
    expect((await db.pool.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    const opened = [...listeningTcpSockets()].filter((inode) => !tcpBefore.has(inode));
    expect(opened).toEqual([]);
  });

  it('listens on a Unix socket (0600) in a private folder (0700), and says where in a 0600 file', async () => {
    const urlFile = `${pgliteDir}.url`;
    expect(await mode(urlFile)).toBe(0o600);
    const url = new URL((await readFile(urlFile, 'utf8')).trim());
    expect(url.password).toBe('');
    const socketDir = decodeURIComponent(url.hostname);
    expect(socketDir.startsWith('/')).toBe(true);
    expect(await mode(socketDir)).toBe(0o700);
    const socket = join(socketDir, '.s.PGSQL.5432');
    expect((await stat(socket)).isSocket()).toBe(true);
    expect(await mode(socket)).toBe(0o600);
  });

  it('is shared through that socket with a second process on the same folder (the CLI while the studio runs)', async () => {
    const cli = await openDatabase({ pgliteDir });
    try {
      await db.pool.query('CREATE TABLE IF NOT EXISTS shared_check (n int)');
      await cli.pool.query('INSERT INTO shared_check VALUES (42)');
      expect((await db.pool.query('SELECT n FROM shared_check')).rows).toEqual([{ n: 42 }]);
    } finally {
      await cli.close();
    }
  });

  it('takes its socket and the url file away when it closes', async () => {
    const other = join(dir, 'closing');
    const closing = await openDatabase({ pgliteDir: other });
    const socketDir = decodeURIComponent(new URL((await readFile(`${other}.url`, 'utf8')).trim()).hostname);
    await closing.close();
    await expect(stat(`${other}.url`)).rejects.toThrow();
    await expect(stat(socketDir)).rejects.toThrow();
    const client = new pg.Client({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
    await expect(client.connect()).rejects.toThrow();
  });
});
