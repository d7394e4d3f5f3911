import * as z from 'zod';
import { ConfigError } from '../src/index.js';

const bucketName = z
  .string({ error: 'required' })
  .trim()
  .min(1, 'required')
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'not a valid S3 bucket name');
const folderPrefix = z
  .string()
  .refine((value) => value === '' || (value.endsWith('/') && !value.startsWith('/')), 'must end with "/" and not start with one');

/** The function's environment, as the deployment sets it. */
export const envSchema = z.object({
  CONTENT_BUCKET: bucketName,
  FEEDS_BUCKET: bucketName,
  CONTENT_PREFIX: folderPrefix.default('content/'),
  REPORT_PREFIX: folderPrefix.default('_feedpub/'),
  CDN_DISTRIBUTION_ID: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

/** What the Lambda shell reads from its environment. */
export interface LambdaEnv {
  readonly contentBucket: string;
  readonly feedsBucket: string;
  /** Folder of the articles in the content bucket (`content/`). */
  readonly contentPrefix: string;
  /** Folder of the authors' run report in the content bucket (`_feedpub/`). */
  readonly reportPrefix: string;
  /** CloudFront distribution to invalidate; none → no invalidation. */
  readonly distributionId?: string;
}

/**
 * Reads and validates the function's environment once, at the composition root. `CONTENT_BUCKET`
 * and `FEEDS_BUCKET` are required; every problem is reported in one {@link ConfigError} whose key
 * names the variables.
 *
 * @example
 * readEnv({ CONTENT_BUCKET: 'site-content', FEEDS_BUCKET: 'site-feeds' }).contentPrefix; // 'content/'
 */
export function readEnv(env: Readonly<Record<string, string | undefined>>): LambdaEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const names = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
    const details = result.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new ConfigError(names.join(', '), `environment: ${details.join('; ')}`);
  }
  const { CONTENT_BUCKET, FEEDS_BUCKET, CONTENT_PREFIX, REPORT_PREFIX, CDN_DISTRIBUTION_ID } = result.data;
  return {
    contentBucket: CONTENT_BUCKET,
    feedsBucket: FEEDS_BUCKET,
    contentPrefix: CONTENT_PREFIX,
    reportPrefix: REPORT_PREFIX,
    ...(CDN_DISTRIBUTION_ID === undefined ? {} : { distributionId: CDN_DISTRIBUTION_ID }),
  };
}
