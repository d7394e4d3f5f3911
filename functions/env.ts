import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { bucketNameProblem, contentPrefixProblem, DEFAULT_REPORT_PREFIX, folderProblem, freePathsProblem } from '../infra/deploy-settings.cjs';
import { ConfigError, FREE_INVALIDATION_PATHS, INVALIDATION_MODES } from '../src/index.js';

/**
 * A zod check from one of the deployment's rules (infra/deploy-settings.cjs, which serverless.yml and the
 * CLI's flags share): its words are the issue's message.
 */
const rule = (problem: (value: string) => string | undefined) =>
  z.superRefine((value: string, context) => {
    const message = problem(value);
    if (message !== undefined) context.issues.push({ code: 'custom', input: value, message });
  });

const bucketName = z.string({ error: 'required' }).check(z.trim(), z.minLength(1, 'required'), rule(bucketNameProblem));
const optionalText = z.optional(
  z.pipe(
    z.string().check(z.trim()),
    z.transform((value: string) => (value === '' ? undefined : value)),
  ),
);
const scheduleName = optionalText.check(
  z.refine((value) => value === undefined || /^[0-9A-Za-z_.-]{1,64}$/.test(value), '1 to 64 letters, digits, "-", "_" or "."'),
);
const arnOf = (service: string, resource: string) =>
  optionalText.check(
    z.refine(
      (value) => value === undefined || new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]*:\\d{12}:${resource}.+$`).test(value),
      `an ARN such as arn:aws:${service}:…:${resource}…`,
    ),
  );
const folderPrefix = z.string().check(rule(folderProblem));

/** How the CDN is invalidated (src/rebuild/invalidation-budget.ts): `budget` unless set. */
const invalidationMode = z._default(
  z.pipe(z.string().check(z.trim()), z.enum(INVALIDATION_MODES, { error: `must be one of ${INVALIDATION_MODES.join(', ')}` })),
  'budget',
);
/** The free invalidation paths a month the site may use: CloudFront's 1,000 unless set (less when other distributions share them). */
const freePaths = z._default(
  z.pipe(
    z.string().check(rule(freePathsProblem)),
    z.transform((value: string) => Number(value.trim())),
  ),
  FREE_INVALIDATION_PATHS,
);

/** zod/mini has no messages of its own: its English ones, made once, for {@link readEnv}. */
const englishErrors = en().localeError;

/** The variables that together turn on the wake-up schedule (SCHEDULE_GROUP is optional). */
const SCHEDULE_VARIABLES = ['SCHEDULE_NAME', 'SCHEDULER_ROLE_ARN', 'FUNCTION_ARN'] as const;

/** The function's variables, as the deployment sets them. */
const variables = z.object({
  CONTENT_BUCKET: bucketName,
  FEEDS_BUCKET: bucketName,
  CONTENT_PREFIX: z._default(folderPrefix, 'content/'),
  REPORT_PREFIX: z._default(folderPrefix, DEFAULT_REPORT_PREFIX),
  CDN_DISTRIBUTION_ID: optionalText,
  CDN_INVALIDATION: invalidationMode,
  CDN_FREE_PATHS: freePaths,
  SCHEDULE_NAME: scheduleName,
  SCHEDULE_GROUP: scheduleName,
  SCHEDULER_ROLE_ARN: arnOf('iam', 'role/'),
  FUNCTION_ARN: arnOf('lambda', 'function:'),
});

/**
 * The function's environment, as the deployment sets it, read into what the shell uses ({@link LambdaEnv}):
 * `SCHEDULE_NAME`, `SCHEDULER_ROLE_ARN` and `FUNCTION_ARN` all set or all absent.
 */
export const envSchema = z.pipe(
  variables.check(
    z.superRefine((data, context) => {
      // The content folder apart from the report's (a folder of its own is checked with the others).
      const prefix = contentPrefixProblem(data.CONTENT_PREFIX, data.REPORT_PREFIX);
      if (prefix !== undefined && folderProblem(data.CONTENT_PREFIX) === undefined) {
        context.issues.push({ code: 'custom', input: data.CONTENT_PREFIX, path: ['CONTENT_PREFIX'], message: prefix });
      }
      const set = SCHEDULE_VARIABLES.filter((name) => data[name] !== undefined);
      if (set.length === 0 || set.length === SCHEDULE_VARIABLES.length) return;
      for (const name of SCHEDULE_VARIABLES.filter((n) => data[n] === undefined)) {
        context.issues.push({ code: 'custom', input: data[name], path: [name], message: `required with ${set.join(' and ')}` });
      }
    }),
  ),
  z.transform((data) => {
    const { SCHEDULE_NAME, SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, FUNCTION_ARN, CDN_DISTRIBUTION_ID } = data;
    return {
      contentBucket: data.CONTENT_BUCKET,
      feedsBucket: data.FEEDS_BUCKET,
      /** Folder of the articles in the content bucket (`content/`). */
      contentPrefix: data.CONTENT_PREFIX,
      /** Folder of the authors' run report in the content bucket (`_feedpub/`). */
      reportPrefix: data.REPORT_PREFIX,
      /** CloudFront distribution to invalidate; none → no invalidation. */
      ...(CDN_DISTRIBUTION_ID === undefined ? {} : { distributionId: CDN_DISTRIBUTION_ID }),
      /** How it is invalidated: the changed paths, or `/*` past the month's free paths (`budget`, the default). */
      invalidation: { mode: data.CDN_INVALIDATION, freePaths: data.CDN_FREE_PATHS },
      /** The one-time schedule that wakes the function for scheduled posts and expiries; none → they wait for the next upload or the hourly run. */
      ...(SCHEDULE_NAME === undefined || SCHEDULER_ROLE_ARN === undefined || FUNCTION_ARN === undefined
        ? {}
        : {
            schedule: {
              name: SCHEDULE_NAME,
              /** Schedule group; the account's default group when absent. */
              ...(SCHEDULE_GROUP === undefined ? {} : { group: SCHEDULE_GROUP }),
              /** Role EventBridge Scheduler assumes to invoke the function. */
              roleArn: SCHEDULER_ROLE_ARN,
              /** This function's ARN (the schedule's target). */
              functionArn: FUNCTION_ARN,
            },
          }),
    };
  }),
);

/** What the Lambda shell reads from its environment: {@link envSchema}'s output. */
export type LambdaEnv = Readonly<z.output<typeof envSchema>>;

/**
 * Reads and validates the function's environment once, at the composition root. `CONTENT_BUCKET`
 * and `FEEDS_BUCKET` are required; `SCHEDULE_NAME`, `SCHEDULER_ROLE_ARN` and `FUNCTION_ARN` are
 * all set or all absent. Every problem is reported in one {@link ConfigError} whose key names the
 * variables.
 *
 * @example
 * readEnv({ CONTENT_BUCKET: 'site-content', FEEDS_BUCKET: 'site-feeds' }).contentPrefix; // 'content/'
 */
export function readEnv(env: Readonly<Record<string, string | undefined>>): LambdaEnv {
  const result = envSchema.safeParse(env, { error: englishErrors });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ name: String(issue.path[0]), message: issue.message }));
  const names = [...new Set(issues.map((issue) => issue.name))];
  const details = issues.map((issue) => `${issue.name} ${issue.message}`);
  throw new ConfigError(names.join(', '), `environment: ${details.join('; ')}`);
}
