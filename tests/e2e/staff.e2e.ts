import { expect, test, type Page } from '@playwright/test';

// Issue #11 item 1: an admin manages staff on the staff page; every role is checked on the server.
const BASE = process.env.E2E_BASE_URL!;
const PASSWORD = process.env.E2E_STAFF_PASSWORD!;
test.use({ baseURL: BASE });

async function logIn(page: Page, path: string, username: string, password = PASSWORD) {
  await page.goto(path);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

test('an admin creates an educator, who can use the workshops but not moderation; disabling ends the session', async ({ browser }) => {
  const admin = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await logIn(admin, '/staff', process.env.E2E_ADMIN_USER!);
  await expect(admin.getByTestId('staff-row-e2e-moderator')).toBeVisible();
  await admin.getByTestId('staff-new-username').fill('edu.journey');
  await admin.getByTestId('staff-new-role').selectOption('educator');
  await admin.getByTestId('staff-new-password').fill('a long enough passphrase');
  await admin.getByTestId('staff-new-submit').click();
  await expect(admin.getByTestId('staff-status')).toHaveText('Account edu.journey created.');
  await expect(admin.getByTestId('staff-role-edu.journey')).toHaveValue('educator');

  const educator = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  await educator.addInitScript(() => localStorage.setItem('atelier.lang', 'nl'));
  await logIn(educator, '/moderation', 'edu.journey', 'a long enough passphrase');
  await expect(educator.getByTestId('staff-forbidden')).toContainText('Met jouw rol kun je deze pagina niet gebruiken');
  await expect(educator.getByTestId('moderation-queue')).toHaveCount(0);
  await expect(educator.getByRole('navigation', { name: 'Medewerkerspagina’s' }).getByRole('link')).toHaveText(['Workshops']);
  // The server says the same as the page: a 403 in the one error shape.
  const queue = await educator.request.get('/api/gallery/moderation/queue');
  expect(queue.status()).toBe(403);
  expect((await queue.json()).error.code).toBe('forbidden_role');

  await admin.getByTestId('staff-toggle-edu.journey').click();
  await expect(admin.getByTestId('staff-status')).toHaveText('edu.journey is disabled and logged out.');
  await educator.reload();
  await expect(educator.getByTestId('login-username')).toBeVisible();
});
