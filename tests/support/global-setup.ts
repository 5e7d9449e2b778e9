// Prepares shared test infrastructure once per `vitest run`: the migrated template database.
// Each test file then clones it (see gallery-api/src/db/test-database.ts).
export default async function setup(): Promise<void> {
  const { prepareTemplateDatabase } = await import('../../gallery-api/src/db/test-database');
  await prepareTemplateDatabase();
}
