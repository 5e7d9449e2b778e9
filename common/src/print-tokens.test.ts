import { describe, expect, it } from 'vitest';
import { PrintTokens } from './print-tokens';

const ID = '0b9f6c1e-3f52-4a9d-9a55-0c7c1e2f3a4b';
const OTHER = '1b9f6c1e-3f52-4a9d-9a55-0c7c1e2f3a4b';

describe('PrintTokens', () => {
  it('accepts its own live token for that print only', () => {
    let now = 1_000_000;
    const tokens = new PrintTokens('secret', () => now);
    const { authorization } = tokens.header(ID, 60_000);
    expect(tokens.verify(authorization, ID)).toBe(true);
    expect(tokens.verify(authorization, OTHER)).toBe(false);
    expect(new PrintTokens('another secret', () => now).verify(authorization, ID)).toBe(false);
    expect(tokens.verify(undefined, ID)).toBe(false);
    now += 61_000;
    expect(tokens.verify(authorization, ID)).toBe(false);
  });
});
