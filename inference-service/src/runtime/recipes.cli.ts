/**
 * `npm run recipes -- compute [id…]`: computes each Magenta recipe's style vector once from its collection
 * painting (the same `working` image the worker uses, from gallery-api at GALLERY_URL) and writes it into
 * prompts/recipes/<id>.json. `npm run recipes -- list` shows which recipes have one.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelRegistry } from '@atelier/models';
import { RECIPES_DIR, loadRecipes } from '@atelier/prompts';
import { loadConfig } from '../config';
import { HttpGalleryClient } from '../repositories/gallery.client';
import { MagentaStyle } from './models/magenta-style';
import { createSessionFactory } from './providers';
import { ModelRunner } from './runner';
import { SessionCache } from './session-cache';

async function main([command, ...ids]: string[]): Promise<number> {
  const recipes = await loadRecipes();
  if (command === 'list') {
    for (const r of recipes) console.log(`${r.id.padEnd(20)} ${r.params.styleWorkId.padEnd(40)} ${r.styleVectorModel ?? 'no vector'}`);
    return 0;
  }
  if (command !== 'compute') {
    console.error('usage: npm run recipes -- list | compute [id...]');
    return 2;
  }
  const config = loadConfig();
  const registry = await ModelRegistry.load({ modelDir: config.modelDir });
  const runner = new ModelRunner(registry, new SessionCache(createSessionFactory({ providers: ['cpu'] }), 2 ** 30));
  const gallery = new HttpGalleryClient(config.galleryUrl);
  for (const r of recipes) {
    // Only recipes of a style model (Magenta) have a vector to compute.
    const manifest = registry.get(r.model);
    if (manifest?.tool !== 'style' || (ids.length && !ids.includes(r.id))) continue;
    const vector = await new MagentaStyle(runner, manifest).styleVector(await gallery.workImage(r.params.styleWorkId));
    const path = join(RECIPES_DIR, `${r.id}.json`);
    // Rewrite the file as it is plus the two fields, so hand-written order and texts stay.
    const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    json.styleVector = Array.from(vector, (v) => Math.round(v * 1e6) / 1e6);
    json.styleVectorModel = `${manifest.id}@${manifest.version}`;
    // The 100 floats on one line keep the recipe readable and its diffs small.
    const text = JSON.stringify(json, null, 2).replace(/"styleVector": \[[^\]]*\]/, `"styleVector": ${JSON.stringify(json.styleVector)}`);
    await writeFile(path, `${text}\n`);
    console.log(`${r.id}: style vector of ${r.params.styleWorkId} written`);
  }
  await loadRecipes(); // the files still validate
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
