import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../../functions/env.js';
import { bucketNameProblem, contentPrefixProblem, folderProblem, freePathsProblem } from '../../../infra/deploy-settings.cjs';
import { bucketFlag, freePathsFlag, prefixFlag } from '../../../src/cli/parse-flags.js';

/** An infra/*.cjs check as serverless.yml runs it, with these values for the properties it resolves. */
type Check = (options: { resolveConfigurationProperty: (path: string[]) => Promise<unknown> }) => Promise<unknown>;
const require = createRequire(import.meta.url);
const infra = (name: string, values: Record<string, string>): Promise<unknown> =>
  (require(`../../../infra/${name}.cjs`) as Check)({ resolveConfigurationProperty: async (path) => values[path.join('.')] });

/** Whether a call returns (true) or throws (false). */
async function accepts(call: () => unknown): Promise<boolean> {
  try {
    await call();
    return true;
  } catch {
    return false;
  }
}

const minimal = { CONTENT_BUCKET: 'site-content', FEEDS_BUCKET: 'site-feeds' };

describe('the deployment settings, one rule each for serverless.yml, the environment of the function and the CLI', () => {
  it('takes a content folder as a relative folder of safe names ending in "/", apart from the report folder', async () => {
    // Prepare: the audit found the function taking "", "../", "a//" and "_feedpub/", which the CLI and infra refused.
    const good = ['content/', 'src/', 'site/content/', 'a.b_c-d/', 'x/_feedpub/'];
    const bad = ['', 'content', '/content/', '../', 'a//', './a/', 'a/../b/', '_feedpub/', '_feedpub/x/', 'a b/', 'a*/', 'é/', 'a\\b/'];
    for (const prefix of [...good, ...bad]) {
      // Act
      const verdicts = [
        contentPrefixProblem(prefix) === undefined,
        await accepts(() => readEnv({ ...minimal, CONTENT_PREFIX: prefix })),
        await accepts(() => prefixFlag('upload', '--prefix', prefix)),
        await accepts(() => infra('content-prefix', { 'custom.contentFolder': prefix })),
      ];
      // Assess
      expect(verdicts, JSON.stringify(prefix)).toEqual(Array(4).fill(good.includes(prefix)));
    }
    expect(contentPrefixProblem('_feedpub/')).toBe(
      "must lie apart from _feedpub/, the folder of feedpub's report (be neither it nor a folder within or around it)",
    );
    expect(contentPrefixProblem('reports/', 'reports/')).toMatch(/^must lie apart from reports\//);
  });

  it('takes the report folder as a folder, and a content folder apart from the one the function is given', () => {
    for (const prefix of ['', '../', 'a//', 'reports']) {
      expect(() => readEnv({ ...minimal, REPORT_PREFIX: prefix }), prefix).toThrow(/REPORT_PREFIX/);
      expect(folderProblem(prefix), prefix).toBeDefined();
    }
    expect(readEnv({ ...minimal, REPORT_PREFIX: 'reports/' }).reportPrefix).toBe('reports/');
    expect(() => readEnv({ ...minimal, REPORT_PREFIX: 'site/', CONTENT_PREFIX: 'site/content/' })).toThrow(
      'environment: CONTENT_PREFIX must lie apart from site/, the folder of feedpub',
    );
    // With a report folder of its own, _feedpub/ is a folder like another.
    expect(readEnv({ ...minimal, REPORT_PREFIX: 'reports/', CONTENT_PREFIX: '_feedpub/' }).contentPrefix).toBe('_feedpub/');
  });

  it('takes a bucket name by the rules of S3, the same in the function and the CLI', async () => {
    const good = ['abc', 'my.site-content1', 'a-b.c', `a${'b'.repeat(61)}c`];
    const bad = [
      'ab',
      'a..b',
      'My_Bucket',
      '-ab',
      'ab-',
      'a.b.',
      '192.168.1.1',
      'xn--abc',
      'sthree-abc',
      'abc-s3alias',
      'abc--ol-s3',
      `a${'b'.repeat(62)}c`,
      's3://b',
    ];
    for (const name of [...good, ...bad]) {
      const verdicts = [
        bucketNameProblem(name) === undefined,
        await accepts(() => readEnv({ ...minimal, CONTENT_BUCKET: name })),
        await accepts(() => readEnv({ ...minimal, FEEDS_BUCKET: name })),
        await accepts(() => bucketFlag('rebuild', '--content-bucket', name)),
      ];
      expect(verdicts, name).toEqual(Array(4).fill(good.includes(name)));
    }
    expect(bucketNameProblem('a..b')).toBe('is not a valid S3 bucket name: two "." in a row');
    expect(bucketNameProblem('abc-s3alias')).toBe('is not a valid S3 bucket name: S3 keeps -s3alias for itself');
  });

  it('takes the free invalidation paths as a whole number from 0 to 999999999, the same value everywhere', async () => {
    // Prepare: the audit found the CLI taking 0000000001, which the function and infra refused.
    const good = ['0', '1000', '0300', '0000000001', '999999999', ' 7 '];
    const bad = ['', '-5', '1e3', '1.5', 'lots', '1000000000', '0x10'];
    for (const value of [...good, ...bad]) {
      const verdicts = [
        freePathsProblem(value) === undefined,
        await accepts(() => readEnv({ ...minimal, CDN_FREE_PATHS: value })),
        await accepts(() => freePathsFlag('rebuild', '--free-paths', value, 1000)),
        await accepts(() => infra('invalidation', { 'custom.invalidationParam': 'budget', 'custom.freeInvalidationPathsParam': value })),
      ];
      expect(verdicts, JSON.stringify(value)).toEqual(Array(4).fill(good.includes(value)));
    }
    // Act + Assess: one number, read alike.
    expect(readEnv({ ...minimal, CDN_FREE_PATHS: '0000000001' }).invalidation.freePaths).toBe(1);
    expect(freePathsFlag('rebuild', '--free-paths', '0000000001', 1000)).toBe(1);
    expect(await infra('invalidation', { 'custom.invalidationParam': 'paths', 'custom.freeInvalidationPathsParam': '0000000001' })).toEqual({
      mode: 'paths',
      freePaths: '1',
    });
  });
});
