import type { CliContext } from '../cli-context.js';
import { cliS3Client } from '../clients.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatBytes, formatProblems, plural, printable } from '../format.js';
import { bucketFlag, integerFlag, parseFlags } from '../parse-flags.js';
import { createProgress, type Progress } from '../progress.js';
import { siteFolder } from '../site-folder.js';
import { s3SyncTarget } from '../upload/s3-sync-target.js';
import { type SyncResult, type SyncStep, syncSite } from '../upload/sync-site.js';

/** `upload`'s flags (the usage texts list each: tests/unit/cli/usage.test.ts). */
export const UPLOAD_FLAGS = {
  bucket: { type: 'string' },
  prefix: { type: 'string' },
  delete: { type: 'boolean' },
  'dry-run': { type: 'boolean', short: 'n' },
  concurrency: { type: 'string' },
} as const;

/**
 * `feedpub upload [SITE_DIR] --bucket NAME [--prefix content/] [--delete] [--dry-run] [--concurrency N]`:
 * syncs the site to the content bucket; a progress bar on a terminal, one line per file otherwise,
 * and a summary.
 *
 * @example await uploadCommand(['.', '--bucket', 'site-content', '--delete'], ctx); // 0
 */
export async function uploadCommand(args: readonly string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseFlags('upload', args, UPLOAD_FLAGS, 1);
  const bucket = bucketFlag('upload', '--bucket', values.bucket);
  const concurrency = integerFlag('upload', '--concurrency', values.concurrency, 1, 64, 8);
  const siteDir = await siteFolder('upload', positionals[0] ?? '.');
  const dryRun = values['dry-run'] ?? false;
  const client = cliS3Client(ctx.env);
  let progress: Progress | undefined;
  try {
    const result = await syncSite(s3SyncTarget(client, bucket), {
      siteDir,
      deleteMissing: values.delete ?? false,
      dryRun,
      concurrency,
      ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
      onPlan: (steps) => {
        progress = dryRun ? { step: (line) => ctx.out(line), done() {} } : createProgress(ctx, 'uploading', steps);
      },
      onStep: (step) => progress?.step(describeStep(step, dryRun), step.action === 'upload' ? step.size : 0),
    });
    progress?.done();
    for (const line of summarizeSync(result, `s3://${bucket}`)) ctx.out(line);
    for (const line of formatProblems([...result.ignoredConfig, ...result.skippedLinks], 'warning')) ctx.err(line);
    for (const key of result.staleConfig) {
      ctx.err(
        `warning: s3://${bucket}/${printable(key)} is not in ${positionals[0] ?? '.'} but the function still reads it, with the site's own config files (its settings may override theirs): upload with --delete to remove it`,
      );
    }
    return EXIT.ok;
  } finally {
    progress?.done();
    client.destroy();
  }
}

/**
 * One file's line in a log: `uploaded content/a.md (1.2 kB, new)`, `would delete content/b.md`.
 *
 * @example describeStep({ action: 'delete', key: 'content/b.md' }, false); // 'deleted content/b.md'
 */
export function describeStep(step: SyncStep, dryRun: boolean): string {
  // A key is a file's name, which anyone who adds a file to the site chooses: one plain line, escaped.
  if (step.action === 'delete') return `${dryRun ? 'would delete' : 'deleted'} ${printable(step.key)}`;
  return `${dryRun ? 'would upload' : 'uploaded'} ${printable(step.key)} (${formatBytes(step.size)}, ${step.reason})`;
}

/**
 * The closing lines of an upload: counts and bytes, and where to.
 *
 * @example summarizeSync(result, 's3://site'); // ['uploaded 3 files (4.1 kB), 10 unchanged, 1 deleted → s3://site']
 */
export function summarizeSync(result: SyncResult, where: string): string[] {
  const uploaded = `${plural(result.uploaded.length, 'file')} (${formatBytes(result.bytes)})`;
  if (result.dryRun) {
    const kept = result.notInSite > 0 ? `, ${result.notInSite} not in the site (kept without --delete)` : '';
    return [`dry run: would upload ${uploaded}, ${result.unchanged} unchanged, would delete ${result.deleted.length}${kept} → ${where} (nothing changed)`];
  }
  const kept = result.notInSite > 0 ? `, ${result.notInSite} not in the site (still published; --delete removes them)` : '';
  return [`uploaded ${uploaded}, ${result.unchanged} unchanged, ${result.deleted.length} deleted${kept} → ${where}`];
}
