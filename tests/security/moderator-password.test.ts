/**
 * Issue #10 item 8: `npm start` printed the local moderator's password on every start, so it sat in every console
 * log and terminal scrollback. It is shown once, when the account is made, and kept in a file only this user can
 * read; every later start names the file instead.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalModerator, MODERATOR } from '../../scripts/moderator';

describe("npm start's local moderator password (issue #10 item 8)", () => {
  let dataDir: string;
  const created: { username: string; password: string }[] = [];
  const create = (username: string, password: string) => void created.push({ username, password });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-start-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('the first start makes the account, shows the password once and keeps it in a 0600 file', async () => {
    const banner = ensureLocalModerator(dataDir, create);
    expect(created).toHaveLength(1);
    const { username, password } = created[0]!;
    expect(username).toBe(MODERATOR);
    expect(password.length).toBeGreaterThanOrEqual(16);
    const file = join(dataDir, 'moderator-password');
    expect(await readFile(file, 'utf8')).toBe(password);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(banner).toContain(password);
    expect(banner).toContain(file);
  });

  it('every later start points to the file and never prints the password', () => {
    const { password } = created[0]!;
    for (let start = 0; start < 3; start++) {
      const banner = ensureLocalModerator(dataDir, create);
      expect(banner).not.toContain(password);
      expect(banner).toContain(join(dataDir, 'moderator-password'));
    }
    expect(created).toHaveLength(1);
  });
});
