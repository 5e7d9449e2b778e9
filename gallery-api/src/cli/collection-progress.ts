import { runStateOf, type ReportSummary, type SourceSyncState, type SyncProgress } from '../services/collection-sync.service';

const BAR = 28;

/** A one-line progress bar redrawn in place on a terminal; plain lines every batch otherwise (logs, CI). */
export function progressPrinter(out: NodeJS.WriteStream, label: string): { update(p: SyncProgress): void; done(): void } {
  const tty = Boolean(out.isTTY);
  const started = Date.now();
  let lastPlain = 0;
  return {
    update(p) {
      const r = p.report;
      const rate = p.seen / Math.max(0.001, (Date.now() - started) / 1000);
      const counts = `${p.seen}${p.expected ? `/${p.expected}` : ''} works · ${r.imported} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.refused} refused, ${r.failed} failed · ${rate.toFixed(1)}/s`;
      if (tty) {
        const fraction = p.expected ? Math.min(1, p.seen / p.expected) : null;
        const filled = fraction === null ? (p.seen % BAR) : Math.round(fraction * BAR);
        const bar = fraction === null ? `${' '.repeat(filled)}<=>`.padEnd(BAR + 3).slice(0, BAR) : '#'.repeat(filled).padEnd(BAR, '.');
        out.write(`\r\x1b[2K${label} [${bar}] ${counts}`);
      } else if (Date.now() - lastPlain > 2000 || (p.expected && p.seen >= p.expected)) {
        lastPlain = Date.now();
        out.write(`${label}: ${counts}\n`);
      }
    },
    done() {
      if (tty) out.write('\n');
    },
  };
}

export function formatSources(states: SourceSyncState[], counts: { source: string; accepted: number; refused: number }[]): string {
  const sources = [...new Set([...counts.map((c) => c.source), ...states.map((s) => s.source)])].sort();
  if (!sources.length) return 'sources: none imported yet';
  const lines = ['sources:'];
  for (const source of sources) {
    const c = counts.find((x) => x.source === source);
    const s = states.find((x) => x.source === source);
    lines.push(`  ${source.padEnd(10)} ${String(c?.accepted ?? 0).padStart(7)} accepted ${String(c?.refused ?? 0).padStart(6)} refused   ${lastRun(s)}`);
  }
  return lines.join('\n');
}

/** `synced 2026-…: imported 3, …`, `FAILED 2026-…: why (last sync …)`, `started 2026-…, not finished`. */
function lastRun(s: SourceSyncState | undefined): string {
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : '');
  switch (runStateOf(s)) {
    case 'synced':
      return `synced ${iso(s?.lastSyncedAt)}${s?.lastReport ? `: ${counts(s.lastReport)}` : ''}`;
    case 'failed':
      return `FAILED ${iso(s?.lastFailedAt)}: ${s?.lastError ?? 'unknown error'}${s?.lastSyncedAt ? ` (last synced ${iso(s.lastSyncedAt)})` : ''}`;
    case 'unfinished':
      return `started ${iso(s?.lastStartedAt)}, not finished${s?.lastSyncedAt ? ` (last synced ${iso(s.lastSyncedAt)})` : ''}`;
    default:
      return 'never synced';
  }
}

function counts(r: ReportSummary): string {
  return `imported ${r.imported}, updated ${r.updated}, unchanged ${r.unchanged}, refused ${r.refused}, failed ${r.failed}`;
}
