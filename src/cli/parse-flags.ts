import { type ParseArgsConfig, parseArgs } from 'node:util';
import { bucketNameProblem, contentPrefixProblem, freePathsProblem } from '../../infra/deploy-settings.cjs';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs for one command, strict: an unknown flag, a missing value or a stray
 * argument becomes a one-line {@link UsageError} naming the command, instead of parseArgs' own
 * multi-sentence messages. At most `maxPositionals` positional arguments are accepted.
 *
 * @example
 * const { values, positionals } = parseFlags('upload', argv, { bucket: { type: 'string' } }, 1);
 */
export function parseFlags<const O extends Options>(command: string, args: readonly string[], options: O, maxPositionals: number) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw new UsageError(flagMessage(error, args), command);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`, command);
  }
  return parsed;
}

/** parseArgs' error, shortened to what the user needs (`args`, the command's, for the value it means). */
function flagMessage(error: unknown, args: readonly string[]): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (/argument missing/.test(message)) return `${option} needs a value`;
    // `--out -q`: parseArgs will not take a value that starts with "-" after a space (it may be a flag).
    if (/argument is ambiguous/.test(message)) {
      const next = args.find((arg, i) => args[i - 1] === option && arg.startsWith('-')) ?? '-x';
      return `${option} needs a value (write ${option}=${next} for one starting with "-")`;
    }
    return `${option} takes no value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return message.split('. ')[0] ?? message;
  return message.split('\n')[0] ?? message;
}

/**
 * An integer flag within bounds, or `fallback` when the flag is absent.
 *
 * @example integerFlag('upload', '--concurrency', '8', 1, 64, 8); // 8
 */
export function integerFlag(command: string, flag: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`, command);
  }
  return Number(value);
}

/**
 * A required S3 bucket name flag (S3's naming rules, as the function checks CONTENT_BUCKET and
 * FEEDS_BUCKET: infra/deploy-settings.cjs), as given.
 *
 * @example bucketFlag('upload', '--bucket', 'my-site-content'); // 'my-site-content'
 */
export function bucketFlag(command: string, flag: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} NAME is required`, command);
  const problem = bucketNameProblem(value);
  if (problem !== undefined) throw new UsageError(`${flag}: "${value}" ${problem}`, command);
  return value;
}

/**
 * The content folder of the bucket (`--prefix`), by the rule the deployment's `contentPrefix` and the
 * function's CONTENT_PREFIX follow (infra/deploy-settings.cjs): a relative folder ending in "/", apart from
 * the report's `_feedpub/`.
 *
 * @example prefixFlag('upload', '--prefix', 'src/'); // 'src/'
 */
export function prefixFlag(command: string, flag: string, value: string): string {
  const problem = contentPrefixProblem(value);
  if (problem !== undefined) throw new UsageError(`${flag} ${problem}, not "${value}"`, command);
  return value;
}

/**
 * The free invalidation paths a month (`--free-paths`), by the rule of the deployment's
 * `freeInvalidationPaths` and the function's CDN_FREE_PATHS (infra/deploy-settings.cjs), or `fallback`
 * when the flag is absent.
 *
 * @example freePathsFlag('rebuild', '--free-paths', '300', 1000); // 300
 */
export function freePathsFlag(command: string, flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const problem = freePathsProblem(value);
  if (problem !== undefined) throw new UsageError(`${flag} ${problem}, not "${value}"`, command);
  return Number(value.trim());
}

/**
 * An absolute http(s) URL flag, or undefined when absent.
 *
 * @example urlFlag('check', '--base-url', 'https://example.com/'); // 'https://example.com/'
 */
export function urlFlag(command: string, flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`${flag} must be an absolute http(s) URL, not "${value}"`, command);
  }
  return value;
}
