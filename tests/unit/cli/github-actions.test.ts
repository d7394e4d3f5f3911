import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMAND_USAGE } from '../../../src/cli/usage.js';
import { REPO_ROOT, USER_DOCS } from '../../support/repo.js';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
}

/** docs/github-actions.yml, the CI recipe the README points to. */
const workflow = parse(readFileSync(path.join(REPO_ROOT, 'docs/github-actions.yml'), 'utf8')) as {
  on: { push: { branches: string[] } };
  permissions: Record<string, string>;
  jobs: { publish: { steps: Step[] } };
};
const steps = workflow.jobs.publish.steps;

describe('the GitHub Actions recipe', () => {
  it('runs on pushes to main with OIDC credentials, never stored keys', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.permissions['id-token']).toBe('write');
    const credentials = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with?.['role-to-assume']).toBeDefined();
    expect(JSON.stringify(workflow)).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/i);
  });

  it('installs, checks, gets credentials, uploads, then rebuilds, in that order', () => {
    const order = steps.map((s) => s.run ?? s.uses ?? '');
    const at = (prefix: string) => order.findIndex((s) => s.startsWith(prefix));
    const sequence = [
      'npm ci --ignore-scripts',
      'npx --no-install feedpub check .',
      'aws-actions/configure-aws-credentials@',
      'npx --no-install feedpub upload . --bucket "$CONTENT_BUCKET" --delete',
      'npx --no-install feedpub rebuild --function "$FUNCTION"',
    ].map(at);
    expect(sequence.every((i) => i >= 0)).toBe(true);
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
  });

  it('never lets npx fetch a package named feedpub from the registry (nobody owns the name), in the recipe, the README or the docs', () => {
    const runs = steps.map((s) => s.run ?? '').filter((run) => run.includes('feedpub'));
    expect(runs).toHaveLength(3);
    for (const run of runs) expect(run).toMatch(/^npx --no-install feedpub /);
    expect(USER_DOCS).toContain('docs/cli.md');
    const texts = Object.fromEntries([...USER_DOCS, 'docs/github-actions.yml'].map((f) => [f, readFileSync(path.join(REPO_ROOT, f), 'utf8')]));
    for (const [name, text] of Object.entries(texts)) {
      for (const line of text.split('\n').filter((l) => !/^\s*#/.test(l) || name.endsWith('.md'))) {
        // Every `npx … feedpub` that runs it (not a sentence about plain `npx feedpub`).
        for (const call of line.match(/npx(?: -[-\w=]+)* feedpub [a-z.]/g) ?? []) expect(call, `${name}: ${line}`).toMatch(/^npx --no-install feedpub/);
      }
    }
  });

  it('installs without install scripts, on a Node that is not past its end of life, from no git tag', () => {
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(['22', '24']).toContain(String(node?.with?.['node-version']));
    expect(steps.some((s) => s.run === 'npm ci --ignore-scripts')).toBe(true);
    expect(readFileSync(path.join(REPO_ROOT, 'docs/github-actions.yml'), 'utf8')).not.toMatch(/feedpub#v\d/);
  });

  it('uses only flags that the commands document', () => {
    for (const step of steps) {
      const match = /^npx --no-install feedpub (\w+)(.*)$/.exec(step.run ?? '');
      if (!match) continue;
      const [, command = '', rest = ''] = match;
      const usage = COMMAND_USAGE[command];
      expect(usage, command).toBeDefined();
      for (const flag of rest.match(/--[a-z-]+/g) ?? []) expect(usage, `${command} ${flag}`).toContain(flag);
    }
  });
});
