import { describe, expect, it } from 'vitest';
import { createS3Client } from '../../../src/adapters/s3-client.js';

describe('createS3Client', () => {
  it('defaults to us-east-1, virtual-hosted style, standard retries with 5 attempts', async () => {
    const client = createS3Client({});
    expect(await client.config.region()).toBe('us-east-1');
    expect(client.config.forcePathStyle).toBeFalsy();
    expect(await client.config.maxAttempts()).toBe(5);
    const strategy = (await client.config.retryStrategy()) as { mode?: string };
    expect(strategy.mode).toBe('standard');
    client.destroy();
  });

  it('takes the region from AWS_REGION', async () => {
    const client = createS3Client({ AWS_REGION: 'eu-west-3' });
    expect(await client.config.region()).toBe('eu-west-3');
    client.destroy();
  });

  it('uses AWS_ENDPOINT_URL_S3 with path-style addressing', async () => {
    const client = createS3Client({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568', AWS_REGION: '' });
    expect(client.config.forcePathStyle).toBe(true);
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    expect(endpoint?.port).toBe(4568);
    expect(await client.config.region()).toBe('us-east-1');
    client.destroy();
  });
});
