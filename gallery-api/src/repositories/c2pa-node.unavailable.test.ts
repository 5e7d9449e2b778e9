import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import type { C2paManifestDefinition } from '../services/c2pa-manifest';
import { UnsignedCredentials } from '../services/content-credentials';
import { openContentCredentials } from './c2pa-node.credentials';

// A platform without the native binary (no linux-x64 here, a musl libc): the import itself fails.
vi.mock('@contentauth/c2pa-node', () => {
  throw new Error('Cannot find module ./index.node');
});

describe('openContentCredentials where c2pa-node cannot load', () => {
  it('publishes unsigned and says why, instead of refusing to start', async () => {
    const opened = await openContentCredentials(loadConfig({ C2PA_DEV_DIR: '/nonexistent/never-written' }).c2pa);
    expect(opened.credentials).toBeInstanceOf(UnsignedCredentials);
    expect(opened.note).toMatch(/^creations are published unsigned: the C2PA library cannot load on this platform/);
    const manifest: C2paManifestDefinition = { claim_generator_info: [], title: 't', format: 'image/png', ingredients: [], assertions: [] };
    const { credentials } = await opened.credentials.sign(Buffer.from('png'), manifest);
    expect(credentials).toMatchObject({ state: 'unsigned', signer: null, reason: expect.stringContaining('cannot load on this platform') });
  });
});
