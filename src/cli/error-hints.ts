import type { ErrorHints } from './describe-error.js';

// Apart from the clients (clients.ts): every command loads this, and only some load the AWS SDK.

/** The environment variables a command reads. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * What error messages should name as the place requests went.
 *
 * @example errorHints(ctx.env); // { endpoint: 'http://127.0.0.1:4569' } or { region: 'eu-west-1' }
 */
export function errorHints(env: Env, region?: string): ErrorHints {
  const endpoint = env.AWS_ENDPOINT_URL_S3?.trim();
  const resolved = region ?? (env.AWS_REGION?.trim() || 'us-east-1');
  return endpoint ? { endpoint, region: resolved } : { region: resolved };
}
