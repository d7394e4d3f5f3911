import { parseArgs } from 'node:util';
import { ConfigError, PublisherError } from '../errors.js';
import { rebuild } from '../rebuild.js';
import { localBuildDeps } from './deps.js';
import { formatProblems, formatSummary } from './format.js';

const USAGE = `feedpub: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for Markdown sites

Usage:
  feedpub build [SITE_DIR] [--out DIR] [--base-url URL] [--strict] [--state DIR]
  feedpub check [SITE_DIR] [--base-url URL]
  feedpub --help | --version

Commands:
  build   Build every feed of the site in SITE_DIR (default .) into --out (default public/).
  check   Parse every article and the config as publishing would; print each problem as
          file:line: message; exit 1 when any article would be rejected.

Options:
  --out DIR        output folder (build; default: public)
  --base-url URL   absolute base URL, overriding the config's baseURL
  --strict         exit 1 when any article was rejected (build)
  --state DIR      keep feedpub's manifest in DIR for incremental builds
  --quiet          print only errors
  -h, --help       show this help

Exit codes: 0 done; 1 articles rejected (check, or build --strict); 2 usage or config error;
3 storage or other failure.`;

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, rejected: 1, usage: 2, failure: 3 } as const;

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const defaultIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs the CLI with argv (without node and script); returns the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo, now: () => number = Date.now): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'base-url': { type: 'string' },
        strict: { type: 'boolean' },
        state: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err(`feedpub: ${error instanceof Error ? error.message : String(error)}`);
    io.err('Run feedpub --help for usage.');
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out('feedpub 0.1.0');
    return EXIT.ok;
  }
  const [command, siteDir = '.', ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  if (extra.length > 0) {
    io.err(`feedpub: unexpected argument ${extra[0]}`);
    return EXIT.usage;
  }
  const baseURL = values['base-url'];
  try {
    switch (command) {
      case 'build': {
        const outDir = values.out ?? 'public';
        const report = await rebuild(localBuildDeps(siteDir, outDir, values.state, now), { trigger: 'cli', ...(baseURL ? { baseURL } : {}) });
        if (!values.quiet) for (const line of formatProblems(report.problems, 'warning')) io.err(line);
        if (!values.quiet) for (const line of formatSummary(report, outDir)) io.out(line);
        return values.strict && report.articles.rejected > 0 ? EXIT.rejected : EXIT.ok;
      }
      case 'check': {
        const report = await rebuild(localBuildDeps(siteDir, '.feedpub-check-unused', undefined, now), {
          trigger: 'check',
          dryRun: true,
          ...(baseURL ? { baseURL } : {}),
        });
        for (const line of formatProblems(report.problems, 'info')) io.out(line);
        const { total, published, rejected, held } = report.articles;
        io.out(`${total} articles: ${published} published, ${held} held back, ${rejected} rejected; ${report.feeds} feeds`);
        return rejected > 0 ? EXIT.rejected : EXIT.ok;
      }
      default:
        io.err(`feedpub: unknown command "${command}". Run feedpub --help for usage.`);
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`feedpub: config error: ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof PublisherError) {
      io.err(`feedpub: ${error.message}`);
      return EXIT.failure;
    }
    throw error;
  }
}
