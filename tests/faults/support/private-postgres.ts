import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../scripts/stack';

/** PostgreSQL's server programs: PG_BIN, else the newest /usr/lib/postgresql/<n>/bin, else the PATH. */
function pgBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const newest = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a))[0];
    if (newest) return join(root, newest, 'bin');
  }
  return spawnSync('pg_ctl', ['--version']).status === 0 ? '' : null;
}

const BIN = pgBin();
/** Whether this machine can run a private cluster (the PostgreSQL server programs are installed). */
export const HAS_POSTGRES_SERVER = BIN !== null;

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, a free port, trust auth on 127.0.0.1 only),
 * which the test may restart or stop: the machine's shared server serves the other test files meanwhile. initdb
 * refuses to run as root, so as root the cluster runs as the `postgres` user.
 */
export class PrivateCluster {
  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<PrivateCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'faults-pg-'));
    const cluster = new PrivateCluster(await freePort(), dir);
    if (userInfo().uid === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      await chown(dir, uid, gid);
    }
    await chmod(dir, 0o700);
    cluster.run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await cluster.up();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts the server and waits until it accepts connections (pg_ctl -w). */
  async up(): Promise<void> {
    this.run('pg_ctl', [
      '-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-w', '-t', '60',
      '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  /** Stops the server: `fast` ends every session at once, as a restart for an update or a failover does. */
  async down(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-w', '-t', '60', '-m', mode, 'stop']);
  }

  async stop(): Promise<void> {
    await this.down('immediate').catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private run(program: string, args: string[]): void {
    const path = BIN ? join(BIN, program) : program;
    const asRoot = userInfo().uid === 0;
    const res = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', path, ...args], { encoding: 'utf8', cwd: this.dir })
      : spawnSync(path, args, { encoding: 'utf8', cwd: this.dir });
    if (res.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
}
