import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { StaffRepository } from '../repositories/staff.repository';
import { STAFF_ROLES, USERNAME_PATTERN as USERNAME, type StaffRole } from '@atelier/contracts/staff.schema';
import { hashPassword, passwordProblem } from '../services/password';

const HELP = `Usage: npm run staff -- <command>

Commands:
  create <username> [--role ROLE]              Add a staff account (default role: moderator).
  set-role <username> --role ROLE              Change the account's role; ends its sessions.
  set-password <username>                      Set a new password; ends the account's sessions.
  disable <username>                           Disable the account; ends its sessions.
  enable <username>                            Enable a disabled account.
  list                                         List accounts.

Roles: moderator (moderation, exhibitions), admin (everything, and the staff page), educator (workshops),
jury (scores open calls). An admin can do the same on the studio's staff page (/staff).

The password comes from STAFF_PASSWORD, else it is asked on the terminal (not echoed), else read from
the first line of stdin. At least 12 characters. Usernames: 3-40 of a-z 0-9 . _ -

Environment: DATABASE_URL (else embedded PGlite in GALLERY_PGLITE_DIR, default .atelier/pglite).
Exit codes: 0 done, 1 failed (unknown user, name taken, weak password), 2 bad usage.`;


async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, role: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const needsUser = ['create', 'set-role', 'set-password', 'disable', 'enable'].includes(command);
  if (!needsUser && command !== 'list') return usage(`unknown command: ${command}`);
  if (needsUser && rest.length !== 1) return usage(`${command} needs exactly one username`);
  if (!needsUser && rest.length !== 0) return usage(`${command} takes no arguments`);
  const username = rest[0]?.trim().toLowerCase() ?? '';
  if (needsUser && !USERNAME.test(username)) return usage('usernames are 3-40 characters of a-z 0-9 . _ -');
  if (command === 'set-role' && !values.role) return usage('set-role needs --role');
  const role = (values.role ?? 'moderator') as StaffRole;
  if (!STAFF_ROLES.includes(role)) return usage(`--role is ${STAFF_ROLES.join(' or ')}`);

  // Ask for the password before opening the database, so a typo costs nothing.
  let passwordHash: string | null = null;
  if (command === 'create' || command === 'set-password') {
    const password = process.env.STAFF_PASSWORD ?? (await readPassword(`Password for ${username}: `));
    const problem = passwordProblem(password);
    if (problem) return fail(problem);
    passwordHash = await hashPassword(password);
  }

  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir, max: 2 });
  try {
    await migrate(db.pool);
    const staff = new StaffRepository(db.pool);
    switch (command) {
      case 'create': {
        const created = await staff.create({ username, passwordHash: passwordHash!, role });
        if (!created) return fail(`username ${username} is taken`);
        console.log(`created ${created.role} ${created.username}`);
        return 0;
      }
      case 'set-password':
        if (!(await staff.setPassword(username, passwordHash!))) return fail(`no staff account ${username}`);
        console.log(`password set for ${username}; existing sessions ended`);
        return 0;
      case 'set-role':
        if (!(await staff.setRole(username, role))) return fail(`no staff account ${username}`);
        console.log(`${username} is now ${role}; existing sessions ended`);
        return 0;
      case 'enable':
        if (!(await staff.enable(username))) return fail(`no staff account ${username}`);
        console.log(`enabled ${username}`);
        return 0;
      case 'disable':
        if (!(await staff.disable(username))) return fail(`no staff account ${username}`);
        console.log(`disabled ${username}; existing sessions ended`);
        return 0;
      default: {
        const accounts = await staff.list();
        if (accounts.length === 0) console.log('no staff accounts');
        for (const a of accounts)
          console.log(`${a.username}\t${a.role}\t${a.disabledAt ? `disabled ${a.disabledAt.toISOString()}` : 'active'}`);
        return 0;
      }
    }
  } finally {
    await db.close();
  }
}

/**
 * Reads a password: on a terminal without echo (raw mode), otherwise the first line of stdin, so
 * `echo "$PW" | npm run staff -- create alice` works in scripts.
 */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const rl = createInterface({ input: stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

function usage(message: string): number {
  console.error(`${message}\n\n${HELP}`);
  return 2;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
