import { CdnError, ConfigError, PublisherError, StorageError, UnreadableObjectError } from '../errors.js';
import { FunctionError } from './invoke-rebuild.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { UsageError } from './usage-error.js';

/** What to tell the user about a failure, in one line, and the exit code. */
export interface ErrorDescription {
  readonly exitCode: ExitCode;
  readonly message: string;
  /** A bug rather than a user's or the infrastructure's problem: worth a stack trace under FEEDPUB_DEBUG. */
  readonly unexpected: boolean;
}

/** Where requests went, to name it when it cannot be reached. */
export interface ErrorHints {
  /** `AWS_ENDPOINT_URL_S3`, when set: named for S3 failures ({@link StorageError}) only, as no other client uses it. */
  readonly endpoint?: string;
  readonly region?: string;
  /** `AWS_PROFILE`, when set: a profile that gives no credentials is named. */
  readonly profile?: string;
}

/**
 * The `errorType` Lambda reports for a handler that threw a config error (the error's `name`): the
 * {@link ConfigError} class and those of its subclasses the function can throw (several at once, no site
 * config). Not `LinkOutsideError`: only FsStorage throws it, which the function never loads (a test checks).
 */
export const CONFIG_ERROR_TYPES: ReadonlySet<string> = new Set(['ConfigError', 'ConfigErrors', 'NoSiteConfigError']);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const REJECTED_CREDENTIALS = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidToken',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
]);

/**
 * Turns any failure into one line and an exit code: usage and config mistakes → 2, storage,
 * network, credential and CDN failures → 3 with the cause in words (a missing bucket, no
 * credentials, an endpoint that cannot be reached, access denied, a local file this user may not
 * read), anything else → 3 marked unexpected.
 *
 * @example
 * describeError(new UsageError('--bucket NAME is required', 'upload'));
 * // { exitCode: 2, message: '--bucket NAME is required (see feedpub upload --help)', unexpected: false }
 */
export function describeError(error: unknown, hints: ErrorHints = {}): ErrorDescription {
  if (error instanceof UsageError) {
    const help = error.command ? `feedpub ${error.command} --help` : 'feedpub --help';
    return { exitCode: EXIT.usage, message: `${error.message} (see ${help})`, unexpected: false };
  }
  if (error instanceof ConfigError) return { exitCode: EXIT.usage, message: `config error: ${error.message}`, unexpected: false };
  // The function refused the site's config: a config error as an in-process run gives (exit 2, which CI
  // does not retry as an outage), not a failure of the function.
  if (error instanceof FunctionError && error.errorType !== undefined && CONFIG_ERROR_TYPES.has(error.errorType)) {
    return { exitCode: EXIT.usage, message: `config error: ${error.message}`, unexpected: false };
  }
  if (error instanceof StorageError) {
    const root = rootCause(error);
    // A local file or folder (build, check, upload's reads): what the system said, in words, and what to do.
    if (isLocalSystemError(root)) {
      return { exitCode: EXIT.failure, message: `cannot ${error.operation} ${error.key}: ${localReason(root, error.operation, error.key)}`, unexpected: false };
    }
    // An object that cannot be read for a reason of its own (archived, its encryption key): the reason says which.
    if (error instanceof UnreadableObjectError) return { exitCode: EXIT.failure, message: `cannot read ${error.key}: ${error.reason}`, unexpected: false };
    if (root === error) return { exitCode: EXIT.failure, message: `cannot ${error.operation} ${error.key}`, unexpected: false };
    const reason = infrastructureReason(root, hints, bucketOf(error.key));
    // Failures of the whole bucket or connection say so alone; the key would only distract.
    const message = isBucketWide(root) ? reason : `cannot ${error.operation} ${error.key}: ${reason}`;
    return { exitCode: EXIT.failure, message, unexpected: false };
  }
  // Not S3 from here on (CloudFront, Lambda, credentials): AWS_ENDPOINT_URL_S3 is not where these went.
  const aws: ErrorHints = {
    ...(hints.region !== undefined ? { region: hints.region } : {}),
    ...(hints.profile !== undefined ? { profile: hints.profile } : {}),
  };
  if (error instanceof CdnError) {
    const root = rootCause(error);
    const reason = root === error ? '' : `: ${infrastructureReason(root, aws, undefined)}`;
    return { exitCode: EXIT.failure, message: `${firstLine(error.message).replace(/: .*$/, '')}${reason}`, unexpected: false };
  }
  if (error instanceof PublisherError) return { exitCode: EXIT.failure, message: firstLine(error.message), unexpected: false };
  if (isInfrastructureError(error)) return { exitCode: EXIT.failure, message: infrastructureReason(error, aws, undefined), unexpected: false };
  const message = error instanceof Error ? `${error.name}: ${firstLine(error.message)}` : String(error);
  return { exitCode: EXIT.failure, message: `unexpected error: ${message}`, unexpected: true };
}

/**
 * The cause of an AWS SDK or network failure in words, with what to do about it.
 *
 * @example infrastructureReason(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { endpoint: 'http://127.0.0.1:9' });
 * // 'cannot reach http://127.0.0.1:9 (ECONNREFUSED)'
 */
export function infrastructureReason(error: unknown, hints: ErrorHints = {}, bucket?: string): string {
  const { name, code, message, status } = fields(error);
  const where = hints.endpoint ?? `AWS${hints.region ? ` (${hints.region})` : ''}`;
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    if (hints.profile !== undefined) {
      return `no AWS credentials found for the profile "${hints.profile}" (AWS_PROFILE): check that ~/.aws/config or ~/.aws/credentials has it, and log in again if its session expired (aws sso login)`;
    }
    return 'no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (in GitHub Actions: aws-actions/configure-aws-credentials)';
  }
  if ((code !== undefined && NETWORK_CODES.has(code)) || name === 'TimeoutError') return `cannot reach ${where} (${code ?? name})`;
  if (name === 'NoSuchBucket') return `bucket ${bucket ? `"${bucket}" ` : ''}does not exist (check the bucket name and AWS_REGION)`;
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
    return `the bucket is in another region than ${hints.region ?? "the profile's (us-east-1 when AWS_REGION and the profile name none)"}: set AWS_REGION`;
  }
  if (REJECTED_CREDENTIALS.has(name)) return `AWS rejected the credentials (${name}): check or refresh them`;
  if (denied({ name, status })) return `access denied (${name}): the credentials' IAM policy does not allow this`;
  if (name === 'ResourceNotFoundException') return `not found in ${where}: ${firstLine(message)} (check the name and the region)`;
  return `${name}${status !== undefined ? ` (HTTP ${status})` : ''}: ${firstLine(message)}`;
}

/**
 * Why a local file or folder could not be used, from Node's system error, without Node's `Error: ` and
 * the path again: permissions with what to do, anything else as the system words it, with its code. The
 * path the system names is given only when it is not the key's own file (a folder a write had to create
 * in the output folder, say).
 *
 * @example localReason(eacces, 'read', 'hugo.toml'); // 'permission denied (EACCES): this user may not read it; fix its permissions'
 */
export function localReason(error: unknown, operation: string, key: string): string {
  const { code = 'E?', message } = fields(error);
  const file = (error as { path?: unknown }).path;
  const other = typeof file === 'string' && !file.replaceAll('\\', '/').endsWith(key.replace(/\/$/, '')) ? ` on ${file}` : '';
  if (code === 'EACCES' || code === 'EPERM') {
    const reads = operation === 'read' || operation === 'list';
    const what = reads ? 'read it' : other ? 'write there' : 'write it';
    // A write the system does not permit may also be of a file marked immutable (chattr +i), which root cannot replace either.
    if (code === 'EPERM' && !reads) {
      return `operation not permitted (EPERM)${other}: this user may not ${what}, or it is marked immutable or append-only (lsattr); fix its permissions or attributes`;
    }
    return `permission denied (${code})${other}: this user may not ${what}; fix its permissions`;
  }
  // "ENOSPC: no space left on device, write" → "no space left on device (ENOSPC)".
  const words = new RegExp(`^${code}: ([^,]+)`).exec(message)?.[1]?.trim();
  return `${words ?? firstLine(message)} (${code})${other}`;
}

/** A failure of the local file system (Node's system errors carry `code` and `syscall`), not of the network. */
function isLocalSystemError(error: unknown): boolean {
  const { code } = fields(error);
  const syscall = (error as { syscall?: unknown } | null)?.syscall;
  return code !== undefined && /^E[A-Z0-9]+$/.test(code) && !NETWORK_CODES.has(code) && typeof syscall === 'string';
}

/** Failures that are about the bucket, the credentials or the connection, not one object. */
function isBucketWide(error: unknown): boolean {
  const { name, code, message, status } = fields(error);
  return (
    name === 'CredentialsProviderError' ||
    /could not load credentials/i.test(message) ||
    (code !== undefined && NETWORK_CODES.has(code)) ||
    name === 'TimeoutError' ||
    name === 'NoSuchBucket' ||
    name === 'PermanentRedirect' ||
    name === 'AuthorizationHeaderMalformed' ||
    status === 301 ||
    REJECTED_CREDENTIALS.has(name)
  );
}

/** An error from the AWS SDK or the network (it carries HTTP metadata or a system error code). */
function isInfrastructureError(error: unknown): boolean {
  const { code, status, name } = fields(error);
  return status !== undefined || (code !== undefined && NETWORK_CODES.has(code)) || name === 'CredentialsProviderError' || name === 'TimeoutError';
}

/** An AWS refusal by the credentials' policy (S3 AccessDenied, HTTP 403). */
function denied({ name, status }: { readonly name: string; readonly status: number | undefined }): boolean {
  return name === 'AccessDenied' || name === 'AccessDeniedException' || status === 403;
}

/**
 * Whether a failure's innermost cause is the credentials' policy refusing the request.
 *
 * @example isAccessDenied(new StorageError('list', 's3://b/x', { cause: accessDenied })) // true
 */
export function isAccessDenied(error: unknown): boolean {
  return denied(fields(rootCause(error)));
}

function fields(error: unknown): { name: string; code: string | undefined; message: string; status: number | undefined } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const status = e.$metadata?.httpStatusCode;
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    code: typeof e.code === 'string' ? e.code : undefined,
    message: typeof e.message === 'string' ? e.message : String(error),
    status: typeof status === 'number' ? status : undefined,
  };
}

/** The innermost `cause` (at most 10 levels). */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    const cause = (current as { cause?: unknown }).cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return current;
}

function bucketOf(uri: string): string | undefined {
  return /^s3:\/\/([^/]+)/.exec(uri)?.[1];
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}
