/**
 * The closing note's figures: every fault test prints what it injected, what the clients saw and how long the
 * recovery took, one block per scenario, so a run of tests/faults is the note (grep `[faults]`).
 */
export interface FaultFigures {
  /** What was done to the system. */
  injected: string;
  /** What clients (visitors, the studio, another service) got meanwhile. */
  clientsSaw: string[];
  /** Named durations, in milliseconds. */
  timings?: Record<string, number>;
  /** Counts that show nothing was lost, doubled or stuck. */
  outcome?: string;
}

export function printFigures(scenario: string, f: FaultFigures): void {
  const lines = [`[faults] ${scenario}`, `  injected: ${f.injected}`, ...f.clientsSaw.map((s) => `  clients saw: ${s}`)];
  for (const [name, ms] of Object.entries(f.timings ?? {})) lines.push(`  ${name}: ${(ms / 1000).toFixed(2)} s`);
  if (f.outcome) lines.push(`  outcome: ${f.outcome}`);
  console.log(lines.join('\n'));
}

/** Milliseconds since `start` (performance.now()), rounded. */
export const since = (start: number) => Math.round(performance.now() - start);

/** Counts of each distinct value: `{ '201': 3, '503': 2 }`. */
export function tally(values: (string | number)[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k}×${n}`).join(', ') || 'nothing';
}
