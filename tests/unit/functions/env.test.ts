import { describe, expect, it } from 'vitest';
import { readEnv } from '../../../functions/env.js';
import { ConfigError } from '../../../src/errors.js';

const minimal = { CONTENT_BUCKET: 'feedpub-prod-content', FEEDS_BUCKET: 'feedpub-prod-feeds' };

function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    readEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('readEnv', () => {
  it('applies the defaults', () => {
    expect(readEnv({ ...minimal, UNRELATED: 'x' })).toEqual({
      contentBucket: 'feedpub-prod-content',
      feedsBucket: 'feedpub-prod-feeds',
      contentPrefix: 'content/',
      reportPrefix: '_feedpub/',
      invalidation: { mode: 'budget', freePaths: 1000 },
    });
  });

  it('reads every variable', () => {
    expect(
      readEnv({
        ...minimal,
        CONTENT_PREFIX: 'site/content/',
        REPORT_PREFIX: 'reports/',
        CDN_DISTRIBUTION_ID: 'E2EXAMPLE',
        CDN_INVALIDATION: ' paths ',
        CDN_FREE_PATHS: '300',
      }),
    ).toEqual({
      contentBucket: 'feedpub-prod-content',
      feedsBucket: 'feedpub-prod-feeds',
      contentPrefix: 'site/content/',
      reportPrefix: 'reports/',
      distributionId: 'E2EXAMPLE',
      invalidation: { mode: 'paths', freePaths: 300 },
    });
    expect(readEnv({ ...minimal, CDN_INVALIDATION: 'all', CDN_FREE_PATHS: '0' }).invalidation).toEqual({ mode: 'all', freePaths: 0 });
  });

  it('names CDN_INVALIDATION or CDN_FREE_PATHS when either is not one the function knows, with what it takes', () => {
    expect(configErrorOf({ ...minimal, CDN_INVALIDATION: 'wildcard' }).message).toBe(
      'CDN_INVALIDATION: environment: CDN_INVALIDATION must be one of budget, paths, all',
    );
    for (const bad of ['-1', '1e3', '', 'lots', '1.5']) {
      const error = configErrorOf({ ...minimal, CDN_FREE_PATHS: bad });
      expect(error.key, bad).toBe('CDN_FREE_PATHS');
      expect(error.message, bad).toBe(
        'CDN_FREE_PATHS: environment: CDN_FREE_PATHS must be a whole number of paths from 0 to 999999999 (CloudFront gives 1000 a month)',
      );
    }
  });

  it('treats an empty CDN_DISTRIBUTION_ID as none', () => {
    expect(readEnv({ ...minimal, CDN_DISTRIBUTION_ID: '' })).not.toHaveProperty('distributionId');
  });

  it('names every missing required variable in one error', () => {
    const error = configErrorOf({});
    expect(error.key).toBe('CONTENT_BUCKET, FEEDS_BUCKET');
    expect(error.message).toContain('CONTENT_BUCKET required');
    expect(error.message).toContain('FEEDS_BUCKET required');
  });

  it('names the variable when a value is empty or invalid', () => {
    expect(configErrorOf({ ...minimal, FEEDS_BUCKET: '  ' }).key).toBe('FEEDS_BUCKET');
    expect(configErrorOf({ ...minimal, CONTENT_BUCKET: 'Not_A_Bucket' }).key).toBe('CONTENT_BUCKET');
    expect(configErrorOf({ ...minimal, CONTENT_PREFIX: 'content' }).key).toBe('CONTENT_PREFIX');
    expect(configErrorOf({ ...minimal, REPORT_PREFIX: '/_feedpub/' }).key).toBe('REPORT_PREFIX');
  });
});
