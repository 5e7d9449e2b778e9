import { appendFileSync, readFileSync } from 'node:fs';

/**
 * One row of `npm run bench:all`'s closing table: each bench states its headline figures here beside their anchor
 * (the issue's table, issue 16), and the runner prints them all side by side at the end. A bench run on its own
 * (no BENCH_SUMMARY) prints its own tables only.
 */
export interface SummaryRow {
  /** What is measured, as the table names it. */
  what: string;
  /** The anchor it is compared with, with its figure. */
  anchor: string;
  /** The figure now. */
  now: string;
  /** now ÷ anchor (or the ratio the target speaks of), when one applies. */
  ratio?: number;
  /** The target, in words ("≤ 1.25× raw"). */
  target: string;
  /** Whether the target is met; absent when the figure cannot say (not measured here). */
  met?: boolean;
}

export function summary(row: SummaryRow): void {
  const file = process.env.BENCH_SUMMARY;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

export function readSummary(file: string): SummaryRow[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as SummaryRow);
  } catch {
    return [];
  }
}

/** The closing table, one row per figure, as plain text columns. */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const cells = rows.map((r) => [r.what, r.anchor, r.now, r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`, r.target, r.met === undefined ? '?' : r.met ? 'met' : 'NOT met']);
  const head = ['what', 'anchor', 'now', 'ratio', 'target', ''];
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...cells.map((c) => c[i]!.length))));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
