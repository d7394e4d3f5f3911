import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_RULES } from '../../src/model.js';
import { REPO_ROOT } from '../support/repo.js';

/** The codes of the table of problem codes in docs/cli.md (its first column), in the table's order. */
function documentedCodes(): string[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'docs/cli.md'), 'utf8');
  const start = readme.indexOf('\n| code | severity | what it means | what to do |\n');
  expect(start).toBeGreaterThan(0);
  const rows =
    readme
      .slice(start + 1)
      .split('\n\n')[0]
      ?.split('\n')
      .slice(2) ?? [];
  return rows.map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1] ?? `(a row without a code: ${row.slice(0, 40)})`);
}

describe('problem codes', () => {
  it('are each in the table of problem codes of docs/cli.md, and the table has no other', () => {
    // Problem.rule is typed by PROBLEM_RULES, so no code can be reported that the table does not explain.
    expect(documentedCodes().sort()).toEqual([...PROBLEM_RULES]);
  });

  it('are listed in order, once each', () => {
    expect([...PROBLEM_RULES]).toEqual([...new Set(PROBLEM_RULES)].sort());
  });
});
