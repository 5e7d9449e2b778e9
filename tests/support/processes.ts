import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../../scripts/stack';

/**
 * A service of this repository as its own process (`node --import tsx <file>`), the way npm start and the
 * containers run it: a fault test can SIGKILL it, restart it, and see whether it exits by itself.
 */
export interface ServiceProcess {
  child: ChildProcess;
  /** Everything it wrote so far (pino JSON lines on stdout, anything on stderr). */
  output(): string;
  /** Resolves when it exits, with its code or signal. */
  exited: Promise<string>;
  /** Resolves once a line of its output contains `text` (e.g. its "ready" log line); rejects if it exits first. */
  said(text: string): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

export function startService(file: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { text: string; resolve(): void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) if (out.includes(w.text)) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  return {
    child,
    output: () => out,
    exited,
    said: (text) =>
      out.includes(text)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ text, resolve })),
            exited.then((how) => Promise.reject(new Error(`${file} exited (${how}) before saying "${text}":\n${out.slice(-4000)}`))),
          ]),
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && !child.signalCode) child.kill(signal);
      return exited;
    },
  };
}
