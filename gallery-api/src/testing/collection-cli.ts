import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../config';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Test support: `npm run collection -- …` as a child process on a test database and storage folder. */
export function collectionCli(env: { DATABASE_URL: string; GALLERY_STORAGE_DIR: string }, ...args: string[]): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'gallery-api/src/cli/collection.cli.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
