import type { ErrorHints } from './describe-error.js';

// Apart from the clients (clients.ts): every command loads this, and only some load the AWS SDK.

/** The environment variables a command reads. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * What error messages should name as the place requests went: the region when it was given (`--region`,
 * else AWS_REGION; otherwise the SDK read the profile's, or took us-east-1, and the message says so) and
 * the S3 endpoint (AWS_ENDPOINT_URL_S3, which only S3 requests use); and the profile credentials come
 * from (AWS_PROFILE), when set.
 *
 * @example errorHints(ctx.env, regionFlag(args)); // { endpoint: 'http://127.0.0.1:4569' } or { region: 'eu-west-1' }
 */
export function errorHints(env: Env, region?: string): ErrorHints {
  const endpoint = env.AWS_ENDPOINT_URL_S3?.trim();
  const given = region?.trim() || env.AWS_REGION?.trim();
  const profile = env.AWS_PROFILE?.trim();
  return { ...(endpoint ? { endpoint } : {}), ...(given ? { region: given } : {}), ...(profile ? { profile } : {}) };
}

/**
 * The value of a command's `--region R` (or `--region=R`), if any: read again for the error message, as
 * the failure may come before or after the command parsed it.
 *
 * @example regionFlag(['--function', 'f', '--region', 'eu-west-1']); // 'eu-west-1'
 */
export function regionFlag(args: readonly string[]): string | undefined {
  let region: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') break;
    if (arg === '--region') region = args[++i];
    else if (arg.startsWith('--region=')) region = arg.slice('--region='.length);
  }
  return region;
}
