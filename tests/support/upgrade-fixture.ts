import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo.js';

/** The fixtures of older feedpub versions' states and output (tests/fixtures/upgrade/make.sh). */
export const UPGRADE_FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'upgrade');

/**
 * The files under a folder of the upgrade fixtures, by key relative to it (`state/manifest.json.gz` in
 * `format-6/state` is `manifest.json.gz`), in key order: what a store seeded from the folder holds.
 *
 * @example new MemoryStorage(upgradeFiles('format-6/out'))
 */
export function upgradeFiles(dir: string): Map<string, Uint8Array> {
  const root = path.join(UPGRADE_FIXTURES, dir);
  const names = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(path.join(root, name)).isFile());
  return new Map(
    names
      .map((name) => name.split(path.sep).join('/'))
      .sort()
      .map((key) => [key, readFileSync(path.join(root, key))]),
  );
}
