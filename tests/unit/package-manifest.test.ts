import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo.js';

/** package.json, package-lock.json and .npmrc: what an install of feedpub, or of its checkout, takes. */
const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');
interface Manifest {
  engines: { node: string };
  files: string[];
  license: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const manifest = JSON.parse(read('package.json')) as Manifest;
const lockRoot = (JSON.parse(read('package-lock.json')) as { packages: Record<string, Manifest> }).packages[''] as Manifest;

describe('package.json', () => {
  it('pins every dependency to an exact version, as package-lock.json records it, and .npmrc keeps it so', () => {
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(lockRoot.dependencies).toEqual(manifest.dependencies);
    expect(lockRoot.devDependencies).toEqual(manifest.devDependencies);
    expect(read('.npmrc').split('\n')).toContain('save-exact=true');
  });

  it('asks for Node 20.19 or later (AbortSignal.any needs 20.3, vitest and osls 20.19), in the lockfile too', () => {
    expect(manifest.engines.node).toBe('>=20.19');
    expect(lockRoot.engines).toEqual(manifest.engines);
  });

  it('ships its MIT licence with the bin, the built CLI (whose THIRD_PARTY_NOTICES.txt is in dist/) and the reference the README links to', () => {
    expect(manifest.license).toBe('MIT');
    expect(manifest.files).toEqual(['bin', 'dist', 'LICENSE', 'docs/*.md']);
    const licence = read('LICENSE');
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) 2026 The feedpub authors\n/);
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });
});
