import { describe, expect, it } from 'vitest';
import { bucketFlag, integerFlag, parseFlags, urlFlag } from '../../../src/cli/parse-flags.js';
import { UsageError } from '../../../src/cli/usage-error.js';

const OPTIONS = { bucket: { type: 'string' }, delete: { type: 'boolean' } } as const;

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('no error');
}

describe('parseFlags', () => {
  it('returns typed values and positionals', () => {
    const { values, positionals } = parseFlags('upload', ['site', '--bucket', 'b', '--delete'], OPTIONS, 1);
    expect(values).toEqual({ bucket: 'b', delete: true });
    expect(positionals).toEqual(['site']);
  });

  it('turns parseArgs errors into short messages naming the option', () => {
    expect(messageOf(() => parseFlags('upload', ['--bukcet', 'b'], OPTIONS, 1))).toBe('unknown option --bukcet');
    expect(messageOf(() => parseFlags('upload', ['--bucket'], OPTIONS, 1))).toBe('--bucket needs a value');
    expect(messageOf(() => parseFlags('upload', ['--delete=yes'], OPTIONS, 1))).toBe('--delete takes no value');
    expect(messageOf(() => parseFlags('upload', ['--bucket', '-n'], OPTIONS, 1))).toBe('--bucket needs a value (write --bucket=-n for one starting with "-")');
    expect(messageOf(() => parseFlags('upload', ['--bucket', 'b', '--bucket', '--delete'], OPTIONS, 1))).toBe(
      '--bucket needs a value (write --bucket=--delete for one starting with "-")',
    );
    expect(messageOf(() => parseFlags('upload', ['a', 'b'], OPTIONS, 1))).toBe('unexpected argument "b"');
    expect(messageOf(() => parseFlags('rebuild', ['x'], OPTIONS, 0))).toBe('unexpected argument "x"');
  });
});

describe('flag values', () => {
  it('checks whole numbers and their range', () => {
    expect(integerFlag('upload', '--concurrency', undefined, 1, 64, 8)).toBe(8);
    expect(integerFlag('upload', '--concurrency', '64', 1, 64, 8)).toBe(64);
    for (const bad of ['0', '65', '1.5', '-1', 'x', '']) {
      expect(messageOf(() => integerFlag('upload', '--concurrency', bad, 1, 64, 8))).toBe(`--concurrency must be a whole number from 1 to 64, not "${bad}"`);
    }
  });

  it('checks bucket names by S3 rules', () => {
    expect(bucketFlag('upload', '--bucket', 'my.site-content1')).toBe('my.site-content1');
    expect(messageOf(() => bucketFlag('upload', '--bucket', undefined))).toBe('--bucket NAME is required');
    expect(messageOf(() => bucketFlag('upload', '--bucket', 'My_Bucket'))).toBe(
      '--bucket: "My_Bucket" is not a valid S3 bucket name (3 to 63 lower-case letters, digits, "." and "-", starting and ending with a letter or digit)',
    );
    expect(messageOf(() => bucketFlag('upload', '--bucket', 's3://b'))).toMatch(/not a valid S3 bucket name/);
  });

  it('accepts only absolute http(s) URLs', () => {
    expect(urlFlag('check', '--base-url', 'https://example.com/')).toBe('https://example.com/');
    expect(urlFlag('check', '--base-url', undefined)).toBeUndefined();
    expect(messageOf(() => urlFlag('check', '--base-url', 'example.com'))).toBe('--base-url must be an absolute http(s) URL, not "example.com"');
    expect(messageOf(() => urlFlag('check', '--base-url', 'ftp://example.com/'))).toMatch(/absolute http\(s\) URL/);
  });
});
