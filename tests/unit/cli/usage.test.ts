import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_FLAGS } from '../../../src/cli/commands/build-command.js';
import { CHECK_FLAGS } from '../../../src/cli/commands/check-command.js';
import { DEV_FLAGS } from '../../../src/cli/commands/dev-command.js';
import { REBUILD_FLAGS } from '../../../src/cli/commands/rebuild-command.js';
import { UPLOAD_FLAGS } from '../../../src/cli/commands/upload-command.js';
import { COMMAND_USAGE, MAIN_USAGE } from '../../../src/cli/usage.js';
import { REPO_ROOT } from '../../support/repo.js';

/** Every command's flags, as its parser accepts them. */
const FLAGS: Readonly<Record<string, Readonly<Record<string, { readonly type: string; readonly short?: string }>>>> = {
  build: BUILD_FLAGS,
  check: CHECK_FLAGS,
  upload: UPLOAD_FLAGS,
  rebuild: REBUILD_FLAGS,
  dev: DEV_FLAGS,
};

/** The spellings of each flag: `--name`, and `-x` when it has a short form. */
function spellings(command: string): string[] {
  return Object.entries(FLAGS[command] ?? {}).flatMap(([name, spec]) => [`--${name}`, ...(spec.short ? [`-${spec.short}`] : [])]);
}

/** The usage lines of `feedpub --help` (`feedpub build [SITE_DIR] ...`), spaces collapsed. */
function mainUsageLines(): string[] {
  return MAIN_USAGE.split('\n')
    .filter((line) => /^ {2}feedpub [a-z]+ /.test(line) && !line.includes('help COMMAND'))
    .map((line) => line.trim().replace(/\s+/g, ' '));
}

/** Whether `text` names `flag` as a flag (`-q` in `[-q|--quiet]` or `-q, --quiet`, not inside `--quiet`). */
function names(text: string, flag: string): boolean {
  return new RegExp(`(^|[\\s\\[|,])${flag.replace(/[-]/g, '\\-')}(?=[\\s\\]|,=]|$)`, 'm').test(text);
}

describe('usage texts', () => {
  it("list every flag each command's parser accepts, in feedpub --help and in the command's --help", () => {
    const lines = mainUsageLines();
    for (const command of Object.keys(FLAGS)) {
      const usage = lines.filter((line) => line.startsWith(`feedpub ${command} `)).join('\n');
      for (const flag of spellings(command)) {
        expect(names(usage, flag), `feedpub --help: ${command} ${flag}`).toBe(true);
        expect(names(COMMAND_USAGE[command] ?? '', flag), `feedpub ${command} --help: ${flag}`).toBe(true);
      }
    }
  });

  it("name no flag a command's parser refuses", () => {
    for (const line of mainUsageLines()) {
      const command = line.split(' ')[1] ?? '';
      const accepted = new Set(spellings(command));
      for (const flag of line.match(/(?<=[\s[|])--?[a-z][a-z-]*/g) ?? []) expect(accepted.has(flag), `${command} ${flag}`).toBe(true);
    }
  });

  it.each([
    ['README.md', /## CLI\n\n```\n([\s\S]*?)```/],
    ['docs/cli.md', /# CLI reference\n\n[^\n]*\n\n```\n([\s\S]*?)```/],
  ])('agree with the CLI synopsis of %s line for line', (file, blockPattern) => {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const block = blockPattern.exec(text)?.[1] ?? '';
    const synopsis = block
      .split('\n')
      .filter((line) => line.startsWith('feedpub ') && !line.includes('help COMMAND'))
      .map((line) => line.replace(/\s+/g, ' ').trim());
    expect(synopsis).toEqual(mainUsageLines());
  });

  it('point to the reference the package ships, which lists every problem code', () => {
    const overview = MAIN_USAGE.replace(/\s+/g, ' ');
    expect(overview).toContain('docs/cli.md: every option, exit code and problem code');
    const reference = readFileSync(path.join(REPO_ROOT, 'docs/cli.md'), 'utf8');
    for (const heading of ['### Exit codes', '### Problem codes']) expect(reference).toContain(`\n${heading}\n`);
  });

  it("say that upload syncs Hugo's configuration directory too", () => {
    expect(COMMAND_USAGE.upload).toContain('config/_default/');
  });

  it('list exit 3 for build and check, which a site file they may not read ends with', () => {
    for (const command of ['build', 'check']) {
      const usage = (COMMAND_USAGE[command] ?? '').replace(/\s+/g, ' ');
      expect(usage, command).toMatch(/Exit codes: 0 .*; 2 usage or config error; 3 a file or folder of the site/);
    }
  });
});
