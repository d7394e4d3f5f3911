import { rebuild } from '../../rebuild.js';
import { feedFile } from '../../render/formats.js';
import type { CliContext } from '../cli-context.js';
import { bucketRebuildDeps } from '../deps.js';
import { describeError } from '../describe-error.js';
import { startLocalS3 } from '../dev/local-s3-server.js';
import { serveFeeds } from '../dev/serve-feeds.js';
import { watchSite } from '../dev/watch-site.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatProblems, keptFiles, printable, shownProblems } from '../format.js';
import { integerFlag, parseFlags, prefixFlag, urlFlag } from '../parse-flags.js';
import { naming, readSiteConfig } from '../read-site-config.js';
import { siteFolder } from '../site-folder.js';
import { s3SyncTarget } from '../upload/s3-sync-target.js';
import { DEFAULT_CONTENT_PREFIX, syncSite } from '../upload/sync-site.js';
import { describeStep } from './upload-command.js';

/** `dev`'s flags (the usage texts list each: tests/unit/cli/usage.test.ts). */
export const DEV_FLAGS = {
  port: { type: 'string' },
  prefix: { type: 'string' },
  'base-url': { type: 'string' },
} as const;

/** The local buckets. */
const CONTENT_BUCKET = 'content';
const FEEDS_BUCKET = 'feeds';

/**
 * `feedpub dev [SITE_DIR] [--port 8080] [--prefix content/] [--base-url URL]`: a local S3 server with
 * both buckets, the site uploaded with the upload code, rebuilt with the function's adapters, the
 * feeds served over HTTP, and every edit uploaded and rebuilt; runs until SIGINT, SIGTERM or SIGHUP (or
 * `ctx.signal`), then stops everything it started and returns 0.
 *
 * The site is watched from the start, so a save during the first upload and build is one more cycle
 * after it. A stop signal takes effect at once, the first upload and build included: the S3 client's
 * requests fail from then on, the cycle under way ends at its next one and prints nothing, and the servers
 * are stopped and the local S3 folder removed; a second signal stops them without waiting for that cycle.
 *
 * @example await devCommand(['.', '--port', '8080'], ctx);
 */
export async function devCommand(args: readonly string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseFlags('dev', args, DEV_FLAGS, 1);
  const port = integerFlag('dev', '--port', values.port, 0, 65_535, 8080);
  const prefix = prefixFlag('dev', '--prefix', values.prefix ?? DEFAULT_CONTENT_PREFIX);
  const baseURL = urlFlag('dev', '--base-url', values['base-url']);
  const siteDir = await siteFolder('dev', positionals[0] ?? '.');
  const stop = stopSignal(ctx.signal);
  const cleanups: (() => Promise<void> | void)[] = [stop.dispose];
  try {
    const s3 = await startLocalS3([CONTENT_BUCKET, FEEDS_BUCKET], { signal: stop.signal });
    cleanups.push(() => s3.stop());
    ctx.out(`local S3 at ${s3.endpoint} (buckets ${CONTENT_BUCKET}, ${FEEDS_BUCKET}; access key S3RVER)`);
    // The RSS file's name follows the site's config (Hugo's `[outputFormats.RSS] baseName`), read after each build.
    let rssFile = feedFile({}, 'rss');
    const server = await serveFeeds({ client: s3.client, bucket: FEEDS_BUCKET, port });
    cleanups.push(() => server.close());
    const target = s3SyncTarget(s3.client, CONTENT_BUCKET);
    const deps = bucketRebuildDeps({ s3: s3.client, contentBucket: CONTENT_BUCKET, feedsBucket: FEEDS_BUCKET, clock: ctx.now });

    /**
     * Upload what changed, then rebuild. A failure is printed and the next edit tries again, except a
     * usage or config error in the first cycle: nothing would be served, so it is thrown (exit 2). Once
     * stopped, a cycle's failure (its requests refused) is not printed.
     */
    let first = true;
    const cycle = async () => {
      const startup = first;
      first = false;
      try {
        const synced = await syncSite(target, {
          siteDir,
          prefix,
          deleteMissing: true,
          command: 'dev',
          ...(baseURL ? { baseURL } : {}),
          // Requests under way when stopped still finish: not told after `stopping`.
          onStep: (step) => {
            if (!stop.signal.aborted) ctx.out(describeStep(step, false));
          },
        });
        const report = await naming(`the folder ${siteDir}`, () =>
          rebuild(deps, { trigger: 'dev', forceAdvice: 'start feedpub dev again', ...(baseURL ? { baseURL } : {}) }),
        );
        rssFile = feedFile(await readSiteConfig(deps.source, baseURL), 'rss');
        // Config files not read and links not followed: printed at startup only.
        const folderNotes = startup ? [...synced.ignoredConfig, ...synced.skippedLinks] : [];
        for (const line of formatProblems(shownProblems([...folderNotes, ...report.problems], false), 'info')) ctx.err(line);
        const { published, held, skipped, rejected } = report.articles;
        ctx.out(
          `rebuilt: ${report.written.length} files written, ${report.deleted.length} deleted, ${report.unchanged} unchanged${keptFiles(report.kept)} (${published} published, ${held} held back, ${skipped} skipped, ${rejected} rejected; ${synced.uploaded.length + synced.deleted.length} source changes)`,
        );
      } catch (error) {
        if (stop.signal.aborted) return;
        const described = describeError(error, { endpoint: s3.endpoint });
        if (startup && described.exitCode === EXIT.usage) throw error;
        ctx.err(printable(`error: ${described.message}`));
      }
    };
    /** The cycles under way: `current`, then one more as long as edits came during the last. */
    let running: Promise<void> | undefined;
    let again = false;
    const drain = async (current: Promise<void>): Promise<void> => {
      try {
        await current;
        while (again && !stop.signal.aborted) {
          again = false;
          await cycle();
        }
      } finally {
        running = undefined;
      }
    };
    const schedule = () => {
      if (stop.signal.aborted) return;
      if (running) again = true;
      else running = drain(cycle());
    };
    // Stopping waits for the cycle under way (it ends at its next request), unless signalled again.
    cleanups.push(async () => {
      await Promise.race([running?.catch(() => {}), stop.insisted]);
    });
    // Watched before the first cycle: an edit saved while it runs is one more cycle after it. Its warnings
    // wait for the first cycle to succeed (a site with no content folder is an error of its own then).
    let warnings: string[] | undefined = [];
    const warn = (message: string) => (warnings ? warnings.push(message) : ctx.err(printable(`warning: ${message}`)));
    const watcher = watchSite({ siteDir, prefix, onChange: schedule, onError: warn });
    cleanups.push(() => watcher.close());
    const startup = cycle();
    running = drain(startup);
    running.catch(() => {}); // the startup's error is thrown below, once
    const started = await Promise.race([startup.then(() => true), stop.stopped.then(() => false), s3.exited]);
    let reason: string | undefined;
    if (started === true) {
      ctx.out(`serving feeds at ${server.url} (e.g. ${server.url}${rssFile}; ${server.url} lists them all)`);
      for (const message of warnings) ctx.err(printable(`warning: ${message}`));
      warnings = undefined;
      ctx.out(`watching ${siteDir} for changes; Ctrl-C to stop`);
      reason = await Promise.race([stop.stopped.then(() => undefined), s3.exited]);
    } else if (started !== false) {
      reason = started;
    }
    if (reason !== undefined) {
      ctx.err(`feedpub: ${reason}`);
      return EXIT.failure;
    }
    ctx.out('stopping');
    return EXIT.ok;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

/** The signals that stop `dev`: Ctrl-C, `kill`, a closed terminal. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How `dev` is stopped: `signal` aborts and `stopped` resolves at the first stop, `insisted` at a second. */
interface StopSignal {
  readonly signal: AbortSignal;
  readonly stopped: Promise<void>;
  readonly insisted: Promise<void>;
  /** Removes the handlers. */
  readonly dispose: () => void;
}

/**
 * Stops on the caller's abort signal, else on SIGINT, SIGTERM or SIGHUP. The handlers stay until
 * `dispose`, so a second signal is `insisted` (and never ends the process before its cleanup, as the
 * default action of a signal with no handler would).
 */
function stopSignal(external: AbortSignal | undefined): StopSignal {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const stopped = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
  if (external) {
    if (external.aborted) abort();
    else external.addEventListener('abort', abort, { once: true });
    return { signal: controller.signal, stopped, insisted: new Promise<void>(() => {}), dispose: () => external.removeEventListener('abort', abort) };
  }
  let insist = () => {};
  const insisted = new Promise<void>((resolve) => {
    insist = resolve;
  });
  const onSignal = () => (controller.signal.aborted ? insist() : abort());
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    stopped,
    insisted,
    dispose: () => {
      for (const name of STOP_SIGNALS) process.off(name, onSignal);
    },
  };
}
