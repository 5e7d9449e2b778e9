import { describe, expect, it } from 'vitest';
import type { ProvenanceAction } from '@atelier/contracts/creation.schema';
import { styleRecipeOf } from './remix-this.service';

const remix = (params: Record<string, unknown>): ProvenanceAction => ({
  type: 'remix',
  remixId: 'r',
  model: { id: 'magenta-arbitrary-style', version: '1.0.0', files: [] },
  params,
  inputSha256: 'a'.repeat(64),
  outputSha256: 'b'.repeat(64),
});

describe("the recipe 'remix this' preselects", () => {
  it("is the last style remix's style work and strength", () => {
    const actions: ProvenanceAction[] = [
      { type: 'compose', workIds: ['w1'] },
      remix({ styleWorkId: 'wave', strength: 0.4 }),
      remix({ source: 'canvas', scale: 2 }),
      remix({ styleWorkId: 'dunes', strength: 0.8, mixWorkId: 'wave', mixWeight: 0.5 }),
    ];
    expect(styleRecipeOf({ actions })).toEqual({ styleWorkId: 'dunes', strength: 0.8 });
  });

  it('is null without a style remix, or with params off their shape', () => {
    expect(styleRecipeOf({ actions: [remix({ source: 'canvas' })] })).toBeNull();
    expect(styleRecipeOf({ actions: [remix({ styleWorkId: 'wave', strength: 7 })] })).toBeNull();
    expect(styleRecipeOf({ actions: [] })).toBeNull();
  });
});
