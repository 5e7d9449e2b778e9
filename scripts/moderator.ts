import { existsSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export const MODERATOR = 'moderator';

/**
 * `npm start`'s local moderator account, so the moderation step can be walked at once. It is made on the first
 * start only, with a random password kept in `<dataDir>/moderator-password` (this user only, 0600). The password
 * is shown once, when it is made; every later start points to the file instead, so it does not sit in every
 * console log and scrollback. Answers what the start banner says about it.
 */
export function ensureLocalModerator(dataDir: string, createAccount: (username: string, password: string) => void): string {
  const file = resolve(dataDir, 'moderator-password');
  if (existsSync(file)) return `user "${MODERATOR}", password in ${file}`;
  const password = randomBytes(12).toString('base64url');
  createAccount(MODERATOR, password);
  writeFileSync(file, password, { mode: 0o600 });
  return `user "${MODERATOR}", password: ${password}  (shown once; kept in ${file})`;
}
