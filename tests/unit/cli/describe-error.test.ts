import { describe, expect, it } from 'vitest';
import { CONFIG_ERROR_TYPES, describeError, infrastructureReason } from '../../../src/cli/describe-error.js';
import { errorHints, regionFlag } from '../../../src/cli/error-hints.js';
import { FunctionError } from '../../../src/cli/invoke-rebuild.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { NoSiteConfigError } from '../../../src/config/no-site-config-error.js';
import { CdnError, ConfigError, configErrorOf, StorageError, UnreadableObjectError } from '../../../src/errors.js';

/** An error shaped like the AWS SDK's service exceptions. */
function sdkError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

/** Node's error for a file system call that failed. */
function fsError(code: string, text: string, syscall: string, file: string): Error {
  return Object.assign(new Error(`${code}: ${text}, ${syscall} '${file}'`), { errno: -13, code, syscall, path: file });
}

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
}

describe('describeError', () => {
  it('gives usage and config mistakes exit 2 and a pointer to the help', () => {
    expect(describeError(new UsageError('--bucket NAME is required', 'upload'))).toEqual({
      exitCode: 2,
      message: '--bucket NAME is required (see feedpub upload --help)',
      unexpected: false,
    });
    expect(describeError(new ConfigError('baseURL', 'must be absolute', 'hugo.toml'))).toMatchObject({
      exitCode: 2,
      message: 'config error: hugo.toml: baseURL: must be absolute',
    });
  });

  it('gives a config error the function reported exit 2, whichever config error class it names', () => {
    const thrown = [
      new ConfigError('baseURL', 'must be absolute', 'hugo.toml'),
      configErrorOf([new ConfigError('a', 'x', 'hugo.toml'), new ConfigError('b', 'y', 'hugo.toml')]),
      new NoSiteConfigError(),
    ];
    // Lambda reports a thrown error by its name (errorType): every config error class the function can
    // throw has its own (LinkOutsideError only FsStorage throws, which the function does not load).
    expect(new Set(thrown.map((e) => e.name))).toEqual(CONFIG_ERROR_TYPES);
    for (const error of thrown) {
      const reported = new FunctionError(`function publish failed: ${error.name}: ${error.message}`, error.name);
      expect(describeError(reported), error.name).toMatchObject({ exitCode: 2, unexpected: false });
    }
    expect(describeError(new FunctionError('function publish failed: StorageError: x', 'StorageError'))).toMatchObject({ exitCode: 3 });
  });

  it('says a bucket is missing without the key that was being listed', () => {
    const error = new StorageError('list', 's3://site-content/hugo.', { cause: sdkError('NoSuchBucket', 404) });
    expect(describeError(error)).toEqual({
      exitCode: 3,
      message: 'bucket "site-content" does not exist (check the bucket name and AWS_REGION)',
      unexpected: false,
    });
  });

  it('names the endpoint that cannot be reached, or the region', () => {
    const error = new StorageError('list', 's3://b/content/', { cause: systemError('ECONNREFUSED') });
    expect(describeError(error, { endpoint: 'http://127.0.0.1:9' }).message).toBe('cannot reach http://127.0.0.1:9 (ECONNREFUSED)');
    expect(describeError(error, { region: 'eu-west-1' }).message).toBe('cannot reach AWS (eu-west-1) (ECONNREFUSED)');
    expect(describeError(systemError('ENOTFOUND'), {}).message).toBe('cannot reach AWS (ENOTFOUND)');
  });

  it('names the S3 endpoint for S3 failures only: Lambda and CloudFront go to AWS in the region', () => {
    const hints = errorHints(
      { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4599', AWS_REGION: 'us-east-1' },
      regionFlag(['--function', 'f', '--region', 'eu-west-1']),
    );
    const s3 = new StorageError('list', 's3://b/content/', { cause: systemError('ECONNREFUSED') });
    expect(describeError(s3, hints).message).toBe('cannot reach http://127.0.0.1:4599 (ECONNREFUSED)');
    expect(describeError(systemError('ECONNREFUSED'), hints).message).toBe('cannot reach AWS (eu-west-1) (ECONNREFUSED)');
    const cdn = new CdnError('CloudFront invalidation of 1 file (2 paths) on E2 failed: x', { cause: systemError('ETIMEDOUT') });
    expect(describeError(cdn, hints).message).toBe('CloudFront invalidation of 1 file (2 paths) on E2 failed: cannot reach AWS (eu-west-1) (ETIMEDOUT)');
  });

  it('reads --region as the command was given it', () => {
    expect(regionFlag(['--function', 'f', '--region', 'eu-west-1'])).toBe('eu-west-1');
    expect(regionFlag(['--region=ap-east-1'])).toBe('ap-east-1');
    expect(regionFlag(['--function', 'f'])).toBeUndefined();
    expect(regionFlag(['--', '--region', 'x'])).toBeUndefined();
    expect(errorHints({ AWS_REGION: 'us-west-2' }, undefined)).toEqual({ region: 'us-west-2' });
    // No region given: the SDK reads the profile's, else us-east-1; the message does not guess which.
    expect(errorHints({}, ' ')).toEqual({});
    expect(errorHints({ AWS_PROFILE: 'ci' })).toEqual({ profile: 'ci' });
  });

  it('explains missing and rejected credentials', () => {
    const missing = new StorageError('list', 's3://b/x', {
      cause: Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
    });
    expect(describeError(missing).message).toMatch(/^no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    // AWS_PROFILE set, yet no credentials: the profile is what to check, not whether to set it.
    expect(describeError(missing, errorHints({ AWS_PROFILE: 'nosuchprofile' })).message).toBe(
      'no AWS credentials found for the profile "nosuchprofile" (AWS_PROFILE): check that ~/.aws/config or ~/.aws/credentials has it, and log in again if its session expired (aws sso login)',
    );
    const rejected = new StorageError('list', 's3://b/x', { cause: sdkError('InvalidAccessKeyId', 403) });
    expect(describeError(rejected).message).toBe('AWS rejected the credentials (InvalidAccessKeyId): check or refresh them');
  });

  it('keeps the object for failures of one object', () => {
    const denied = new StorageError('write', 's3://b/content/a.md', { cause: sdkError('AccessDenied', 403, 'Access Denied') });
    expect(describeError(denied)).toMatchObject({
      exitCode: 3,
      message: "cannot write s3://b/content/a.md: access denied (AccessDenied): the credentials' IAM policy does not allow this",
    });
    const other = new StorageError('read', 's3://b/k', { cause: sdkError('SlowDown', 503, 'Please reduce your request rate.\nmore') });
    expect(describeError(other).message).toBe('cannot read s3://b/k: SlowDown (HTTP 503): Please reduce your request rate.');
  });

  it('says what to do about a local file or folder this user may not read, without the path again (exit 3)', () => {
    // As FsStorage reports a file it may not open, and a folder it may not list.
    const config = new UnreadableObjectError('hugo.toml', 'permission denied: this user may not read the file', {
      cause: fsError('EACCES', 'permission denied', 'open', '/site/hugo.toml'),
    });
    expect(describeError(config)).toEqual({
      exitCode: 3,
      message: 'cannot read hugo.toml: permission denied (EACCES): this user may not read it; fix its permissions',
      unexpected: false,
    });
    const folder = new StorageError('list', 'content/en/blog/', { cause: fsError('EACCES', 'permission denied', 'scandir', '/site/content/en/blog') });
    expect(describeError(folder).message).toBe('cannot list content/en/blog/: permission denied (EACCES): this user may not read it; fix its permissions');
  });

  it('names the path of a local write the system refused when it is not the file itself, and words other system errors', () => {
    const mkdir = new StorageError('write', 'all/index.xml', { cause: fsError('EACCES', 'permission denied', 'mkdir', '/out/all') });
    expect(describeError(mkdir).message).toBe(
      'cannot write all/index.xml: permission denied (EACCES) on /out/all: this user may not write there; fix its permissions',
    );
    // A feed that cannot be replaced (chattr +i): FsStorage names it, not its temporary file.
    const locked = new StorageError('write', 'all/atom.xml', { cause: fsError('EPERM', 'operation not permitted', 'rename', '/out/all/atom.xml') });
    expect(describeError(locked).message).toBe(
      'cannot write all/atom.xml: operation not permitted (EPERM): this user may not write it, or it is marked immutable or append-only (lsattr); fix its permissions or attributes',
    );
    const full = new StorageError('write', 'index.xml', { cause: fsError('ENOSPC', 'no space left on device', 'write', '/out/index.xml') });
    expect(describeError(full)).toMatchObject({ exitCode: 3, message: 'cannot write index.xml: no space left on device (ENOSPC)' });
  });

  it('gives the reason of an object S3 will not give (archived, encrypted) as the store words it', () => {
    const archived = new UnreadableObjectError('s3://b/hugo.toml', 'archived in a storage class S3 does not read from (GLACIER): restore it', {
      cause: sdkError('InvalidObjectState', 403),
    });
    expect(describeError(archived)).toMatchObject({
      exitCode: 3,
      message: 'cannot read s3://b/hugo.toml: archived in a storage class S3 does not read from (GLACIER): restore it',
    });
  });

  it('reports CDN, function and region failures with exit 3', () => {
    const cdn = new CdnError('CloudFront invalidation of 2 files (3 paths) on E2 failed: boom', { cause: sdkError('AccessDenied', 403) });
    expect(describeError(cdn)).toMatchObject({
      exitCode: 3,
      message: "CloudFront invalidation of 2 files (3 paths) on E2 failed: access denied (AccessDenied): the credentials' IAM policy does not allow this",
    });
    expect(describeError(new FunctionError('function f failed: Error: x'))).toMatchObject({ exitCode: 3, message: 'function f failed: Error: x' });
    expect(infrastructureReason(sdkError('PermanentRedirect', 301), { region: 'us-east-1' })).toBe(
      'the bucket is in another region than us-east-1: set AWS_REGION',
    );
    expect(infrastructureReason(sdkError('PermanentRedirect', 301), {})).toBe(
      "the bucket is in another region than the profile's (us-east-1 when AWS_REGION and the profile name none): set AWS_REGION",
    );
  });

  it('marks anything else as unexpected, still in one line', () => {
    const described = describeError(new TypeError('x is not a function\n    at y'));
    expect(described).toEqual({ exitCode: 3, message: 'unexpected error: TypeError: x is not a function', unexpected: true });
  });
});
