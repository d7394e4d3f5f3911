import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { REPO_ROOT } from './support/repo.js';

function sources(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

describe('architecture', () => {
  it('the pure core (parse, plan, render, config) imports no adapter, shell, filesystem, network or AWS SDK', () => {
    const core = ['src/parse', 'src/plan', 'src/render', 'src/config'].flatMap(sources);
    expect(core.length).toBeGreaterThan(20);
    const offending = core.flatMap((file) =>
      imports(file)
        .filter((spec) => /adapters\/|cli\/|functions\/|rebuild|^node:(fs|fs\/promises|http|https|net|child_process|worker_threads)$|^@aws-sdk\//.test(spec))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('the core reads no clock, environment or argv', () => {
    const core = ['src/parse', 'src/plan', 'src/render', 'src/config', 'src/rebuild.ts', 'src/rebuild'].flatMap((d) => (d.endsWith('.ts') ? [d] : sources(d)));
    const offending = core.filter((file) => /\bDate\.now\(|new Date\(\)|process\.(env|argv)/.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('the shells import the core only through src/index.ts and src/adapters/', () => {
    const shells = sources('functions');
    const offending = shells.flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('../src/') && !/^\.\.\/src\/(index|adapters\/[\w-]+|config\/config-files)\.js$/.test(spec))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('pins the public API', () => {
    expect(Object.keys(api).sort()).toEqual([
      'CdnError',
      'ConfigError',
      'EventError',
      'ObjectTooLargeError',
      'PublisherError',
      'RunLimitError',
      'StorageError',
      'UnreadableObjectError',
      'isConfigKey',
      'isMarkdownKey',
      'noopCdn',
      'rebuild',
      'silentLogger',
    ]);
  });
});
