import { afterEach } from 'vitest';

/** A fresh harness for each test, closed after it (the contract tests' setup); call inside a `describe`. */
export function perTest<H extends { close(): Promise<void> }>(make: () => Promise<H>): () => Promise<H> {
  let current: H | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async () => (current = await make());
}
