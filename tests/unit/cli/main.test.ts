import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out, err };
}

describe('main', () => {
  it('shows the overview with --help and help, and usage on stderr with exit 2 without a command', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['help', '--help'], ['help', '-h'], ['help', 'help']]) {
      const { code, out, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(0);
      expect(err, argv.join(' ')).toEqual([]);
      expect(out.join('\n')).toContain('feedpub upload [SITE_DIR] --bucket NAME');
    }
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err.join('\n')).toContain('Usage:');
  });

  it("shows each command's help with COMMAND --help or help COMMAND", async () => {
    for (const command of ['build', 'check', 'upload', 'rebuild', 'dev']) {
      const [a, b] = await Promise.all([run([command, '--help']), run(['help', command])]);
      expect(a.code).toBe(0);
      expect(a.out[0]).toMatch(new RegExp(`^Usage: feedpub ${command}`));
      expect(b.out).toEqual(a.out);
    }
  });

  it('prints the version with --version or -V', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: ['feedpub 0.1.0'], err: [] });
    expect(await run(['-V'])).toEqual({ code: 0, out: ['feedpub 0.1.0'], err: [] });
  });

  it('names the environment variables feedpub reads in the overview: FEEDPUB_THREADS and FEEDPUB_DEBUG', async () => {
    const { out } = await run(['--help']);
    const text = out.join('\n');
    expect(text).toMatch(/FEEDPUB_THREADS=N +build uses N threads/);
    expect(text).toMatch(/FEEDPUB_DEBUG=1 +print the stack trace of an unexpected error/);
  });

  it('refuses an unknown command or help topic with exit 2 and one line', async () => {
    for (const argv of [['deploy'], ['help', 'deploy']]) {
      const { code, err } = await run(argv);
      expect(code).toBe(2);
      expect(err).toEqual(['feedpub: unknown command "deploy" (commands: build, check, upload, rebuild, dev; see feedpub --help)']);
    }
  });
});
