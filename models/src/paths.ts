import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const MANIFEST_DIR = resolve(import.meta.dirname, '../manifests');

/** Where model weights live: `<MODEL_DIR>/<model id>/<file>`. Relative paths resolve from the working directory. */
export function defaultModelDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MODEL_DIR ? resolve(env.MODEL_DIR) : resolve(REPO_ROOT, '.atelier/models');
}
