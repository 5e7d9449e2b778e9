import type { ImportReport } from '../services/collection-import.service';
import type { LicenceCount } from '../services/work.service';

export function formatImportReport(r: ImportReport): string {
  const lines = [
    `imported ${r.imported}, updated ${r.updated}, unchanged ${r.unchanged}, refused ${r.refused}` +
      (r.failed ? `, failed ${r.failed}` : ''),
  ];
  for (const o of r.outcomes) {
    if (o.kind === 'refused') lines.push(`  refused ${o.sourceId}: ${o.reason}`);
  }
  for (const o of r.outcomes) {
    if (o.kind === 'failed') lines.push(`  failed  ${o.sourceId}: ${o.reason}`);
  }
  return lines.join('\n');
}

export function formatStatus(counts: LicenceCount[]): string {
  const total = (status: LicenceCount['status']) => counts.filter((c) => c.status === status).reduce((n, c) => n + c.count, 0);
  const lines = [`collection works: ${total('accepted')} accepted, ${total('refused')} refused`];
  for (const c of counts.filter((x) => x.status === 'accepted')) lines.push(`  accepted  ${(c.family ?? '?').padEnd(6)} ${c.count}`);
  if (total('refused')) lines.push(`  refused   (NC, ND, in copyright, missing or unknown licence) ${total('refused')}`);
  return lines.join('\n');
}
