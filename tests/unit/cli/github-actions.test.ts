import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMAND_USAGE } from '../../../src/cli/usage.js';
import { REPO_ROOT } from '../../support/repo.js';

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
      'npm ci',
      'npx feedpub check .',
      'aws-actions/configure-aws-credentials@',
      'npx feedpub upload . --bucket "$CONTENT_BUCKET" --delete',
      'npx feedpub rebuild --function "$FUNCTION"',
    ].map(at);
    expect(sequence.every((i) => i >= 0)).toBe(true);
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
  });

  it('uses only flags that the commands document', () => {
    for (const step of steps) {
      const match = /^npx feedpub (\w+)(.*)$/.exec(step.run ?? '');
      if (!match) continue;
      const [, command = '', rest = ''] = match;
      const usage = COMMAND_USAGE[command];
      expect(usage, command).toBeDefined();
      for (const flag of rest.match(/--[a-z-]+/g) ?? []) expect(usage, `${command} ${flag}`).toContain(flag);
    }
  });
});
