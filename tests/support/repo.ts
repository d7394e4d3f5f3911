import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A fixed clock for builds of the sample site: after every dated sample post but the scheduled one. */
export const SAMPLE_NOW = Date.parse('2025-06-01T00:00:00Z');

/** The README and the reference pages of docs/, as paths from the root: what a user of feedpub reads. */
export const USER_DOCS: readonly string[] = [
  'README.md',
  ...readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
