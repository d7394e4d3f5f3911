import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createS3Client, regionFromSdkOr } from '../../../src/adapters/s3-client.js';

const savedEnv = { ...process.env };

/** A shared AWS config file as `aws configure` writes it, and the process environment pointing at it. */
async function withProfileConfig(text: string, profile: string | undefined): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'feedpub-aws-'));
  await writeFile(join(dir, 'config'), text);
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  delete process.env.AWS_REGION;
  if (profile === undefined) delete process.env.AWS_PROFILE;
  else process.env.AWS_PROFILE = profile;
  return dir;
}

afterEach(() => {
  process.env = { ...savedEnv };
});

describe('createS3Client', () => {
  it('defaults to us-east-1, virtual-hosted style, standard retries with 5 attempts', async () => {
    const dir = await withProfileConfig('', undefined);
    const client = createS3Client({});
    expect(await client.config.region()).toBe('us-east-1');
    expect(client.config.forcePathStyle).toBeFalsy();
    expect(await client.config.maxAttempts()).toBe(5);
    const strategy = (await client.config.retryStrategy()) as { mode?: string };
    expect(strategy.mode).toBe('standard');
    client.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes the region of the AWS profile when AWS_REGION names none, as the AWS CLI does', async () => {
    const dir = await withProfileConfig('[default]\nregion = ap-east-1\n\n[profile ci]\nregion = eu-west-1\n', 'ci');
    const client = createS3Client({});
    expect(await client.config.region()).toBe('eu-west-1');
    client.destroy();
    delete process.env.AWS_PROFILE;
    const byDefault = createS3Client({});
    expect(await byDefault.config.region()).toBe('ap-east-1');
    byDefault.destroy();
    await rm(dir, { recursive: true, force: true });
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

describe('regionFromSdkOr', () => {
  it('asks the SDK once, and answers the fallback when it finds no region', async () => {
    let probes = 0;
    const missing = regionFromSdkOr('us-east-1', () => {
      probes += 1;
      return { config: { region: () => Promise.reject(new Error('Region is missing')) }, destroy: () => undefined };
    });
    expect(await missing()).toBe('us-east-1');
    expect(await missing()).toBe('us-east-1');
    expect(probes).toBe(1);
    const found = regionFromSdkOr('us-east-1', () => ({ config: { region: () => Promise.resolve('sa-east-1') }, destroy: () => undefined }));
    expect(await found()).toBe('sa-east-1');
  });
});
