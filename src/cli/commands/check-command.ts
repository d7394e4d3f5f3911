import { FsStorage } from '../../adapters/fs-storage.js';
import { ConfigError, StorageError } from '../../errors.js';
import { checkSite } from '../check-site.js';
import type { CliContext } from '../cli-context.js';
import { describeError } from '../describe-error.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatProblems, plural, sortProblems } from '../format.js';
import { linkProblems } from '../link-problems.js';
import { parseFlags, urlFlag } from '../parse-flags.js';
import { naming } from '../read-site-config.js';
import { siteFolder } from '../site-folder.js';

/** `check`'s flags (the usage texts list each: tests/unit/cli/usage.test.ts). */
export const CHECK_FLAGS = {
  'base-url': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

/**
 * `feedpub check [SITE_DIR] [--base-url URL] [--json] [--verbose] [--quiet]`: every problem
 * publishing would meet, as `file:line: severity: message [rule]` lines (or JSON), a summary line,
 * and exit 1 when an article would be rejected.
 *
 * @example await checkCommand(['.'], ctx); // 0, or 1 when an article is rejected
 */
export async function checkCommand(args: readonly string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseFlags('check', args, CHECK_FLAGS, 1);
  const siteDir = await siteFolder('check', positionals[0] ?? '.');
  const baseURL = urlFlag('check', '--base-url', values['base-url']);
  // Symbolic links inside the site folder are followed, as Hugo follows them; the others are reported.
  const folder = new FsStorage(siteDir, { details: false, followLinks: true });
  let checked: Awaited<ReturnType<typeof checkSite>>;
  try {
    // One run into memory: no earlier one whose change tokens a listing could be compared with.
    checked = await naming(
      `the folder ${siteDir}`,
      () =>
        checkSite(folder, {
          now: ctx.now(),
          verbose: values.verbose ?? false,
          ...(baseURL ? { baseURL } : {}),
        }),
      'or run with --base-url URL',
    );
  } catch (error) {
    if (!values.json && !values.quiet) for (const line of formatProblems(linkProblems(folder.skippedLinks), 'warning')) ctx.err(line);
    // A CI step reading --json gets JSON for a broken config too (the message also goes to stderr, exit 2);
    // `key` and `file` only when there is one (no config at all has neither).
    if (values.json && error instanceof ConfigError) {
      const configError = {
        ...(error.key !== '' ? { key: error.key } : {}),
        ...(error.file !== undefined ? { file: error.file } : {}),
        message: error.message,
      };
      ctx.out(JSON.stringify({ configError }, null, 2));
    }
    // So does a file or folder of the site that cannot be read (exit 3): `file` is its path in the site.
    if (values.json && error instanceof StorageError) {
      ctx.out(JSON.stringify({ readError: { file: error.key, message: describeError(error).message } }, null, 2));
    }
    throw error;
  }
  const { report } = checked;
  const problems = [...checked.problems, ...linkProblems(folder.skippedLinks)];
  const count = (severity: string) => problems.filter((p) => p.severity === severity).length;
  const errors = count('error');
  const { total, published, rejected, held, skipped } = report.articles;
  if (values.json) {
    // -q lists only the errors, as in text; the summary counts every problem.
    const summary = { articles: report.articles, feeds: report.feeds, errors, warnings: count('warning'), infos: count('info') };
    ctx.out(JSON.stringify({ summary, problems: sortProblems(problems, values.quiet ? 'error' : 'info') }, null, 2));
  } else {
    for (const line of formatProblems(problems, values.quiet ? 'error' : 'info')) ctx.out(line);
    ctx.out(
      `${plural(total, 'article')}: ${published} published, ${held} held back, ${skipped} skipped, ${rejected} rejected; ${plural(report.feeds, 'feed')}; ${plural(errors, 'error')}, ${plural(count('warning'), 'warning')}`,
    );
  }
  return errors > 0 ? EXIT.rejected : EXIT.ok;
}
