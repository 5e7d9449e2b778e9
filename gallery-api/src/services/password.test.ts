import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, passwordProblem, verifyPassword } from './password';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('encodes scrypt$N$r$p$salt$hash with the default memory-hard parameters', async () => {
    const encoded = await hashPassword('correct horse battery');
    const [scheme, n, r, p, salt, hash] = encoded.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt', DEFAULT_SCRYPT.N, 8, 1]);
    expect(DEFAULT_SCRYPT.N).toBe(2 ** 15);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery', encoded)).toBe(true);
  });

  it('refuses a wrong password and salts every hash differently', async () => {
    const a = await hashPassword('correct horse battery', FAST);
    const b = await hashPassword('correct horse battery', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('answers false, never throws, for malformed or tampered hashes', async () => {
    const good = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('x', 'not a hash')).toBe(false);
    expect(await verifyPassword('x', good.replace('$1024$', '$1000$'))).toBe(false); // N must be a power of two
    expect(await verifyPassword('x', good.replace('$1024$', `$${2 ** 24}$`))).toBe(false); // memory bomb
  });

  it('asks for at least 12 characters', () => {
    expect(passwordProblem('short')).toMatch(/12/);
    expect(passwordProblem('twelve chars')).toBeNull();
  });
});
