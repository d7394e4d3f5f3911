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
    });
  });

  it('reads every variable', () => {
    expect(readEnv({ ...minimal, CONTENT_PREFIX: 'site/content/', REPORT_PREFIX: 'reports/', CDN_DISTRIBUTION_ID: 'E2EXAMPLE' })).toEqual({
      contentBucket: 'feedpub-prod-content',
      feedsBucket: 'feedpub-prod-feeds',
      contentPrefix: 'site/content/',
      reportPrefix: 'reports/',
      distributionId: 'E2EXAMPLE',
    });
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
