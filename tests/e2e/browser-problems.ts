import type { Page } from '@playwright/test';

/**
 * What the browser refused or complained about while a page ran: every CSP violation (the
 * `securitypolicyviolation` event, before the console prints it), uncaught errors and console errors. Answers the
 * app expects and handles (401 before a moderator logs in, 404 for a missing image) are left out: the browser
 * logs them as "Failed to load resource: … status of 4xx", which is not something being blocked.
 */
export async function watchBrowserProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction('__atelierCspViolation', (report: string) => problems.push(`CSP violation: ${report}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`;
      void (window as unknown as { __atelierCspViolation(r: string): Promise<void> }).__atelierCspViolation(report);
    });
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    problems.push(`console error: ${msg.text()}`);
  });
  return problems;
}
