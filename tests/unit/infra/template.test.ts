import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createContext, runInContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { lambdaBuildOptions } from '../../../scripts/lambda-build-options.mjs';
import { CONFIG_PREFIXES } from '../../../src/config/config-keys.js';

/**
 * Packages the service with osls exactly as `npm run package` does, but in a temporary copy of
 * serverless.yml + infra/ with a stub artifact (so the test neither needs the real bundle nor
 * touches the working tree), with no AWS credentials and a private HOME: packaging must work
 * offline. Then checks the generated CloudFormation by meaning.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const osls = createRequire(import.meta.url).resolve('osls/bin/serverless.js');

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties?: Json;
  DependsOn?: string | string[];
  Condition?: string;
}
interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, Json>;
  Conditions?: Record<string, unknown>;
}
interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}

/** The function's ARN, built from its name (a reference would make the function depend on itself). */
const functionArn = 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:feedpub-test-publish';

let work: string;
let update: Template;
let create: Template;
/** The packaged zip's bytes as latin1 text: its entries' names are stored uncompressed. */
let artifact: string;
/** Temporary copies packaged, removed after the tests. */
const copies: string[] = [];

/** Packages a temporary copy of the service offline, with these extra CLI arguments; returns its folder. */
async function packageCopy(extra: readonly string[] = [], { stage = 'test', region = 'eu-west-1' } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedpub-sls-'));
  copies.push(dir);
  await cp(path.join(root, 'serverless.yml'), path.join(dir, 'serverless.yml'));
  await cp(path.join(root, 'infra'), path.join(dir, 'infra'), { recursive: true });
  await mkdir(path.join(dir, 'dist/lambda'), { recursive: true });
  await writeFile(path.join(dir, 'dist/lambda/publish.mjs'), 'export const handler = async () => ({});\n');
  // The names scripts/bundle.mjs writes (tests/unit/scripts/third-party-notices.test.ts checks them on a real
  // bundle): esbuild's legal comments go to <file>.LEGAL.txt beside a file that has any, today chunks only.
  await writeFile(path.join(dir, 'dist/lambda/THIRD_PARTY_NOTICES.txt'), 'notices\n');
  await writeFile(path.join(dir, 'dist/lambda/meta.json'), '{}\n');
  await mkdir(path.join(dir, 'dist/lambda/chunks'), { recursive: true });
  await writeFile(path.join(dir, 'dist/lambda/chunks/cloudfront-STUB.mjs'), 'export const cdn = 1;\n');
  await writeFile(path.join(dir, 'dist/lambda/chunks/chunk-STUB.mjs'), 'export const toml = 1;\n');
  await writeFile(path.join(dir, 'dist/lambda/chunks/chunk-STUB.mjs.LEGAL.txt'), 'Bundled license information:\n');
  await promisify(execFile)(process.execPath, [osls, 'package', '--stage', stage, '--region', region, ...extra], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, SLS_TELEMETRY_DISABLED: '1' },
    timeout: 120_000,
  });
  return dir;
}

async function templateIn(dir: string, name: string): Promise<Template> {
  return JSON.parse(await readFile(path.join(dir, '.serverless', name), 'utf8')) as Template;
}

beforeAll(async () => {
  work = await packageCopy();
  update = await templateIn(work, 'cloudformation-template-update-stack.json');
  create = await templateIn(work, 'cloudformation-template-create-stack.json');
  const zip = (await readdir(path.join(work, '.serverless'))).find((name) => name.endsWith('.zip'));
  artifact = zip === undefined ? '' : (await readFile(path.join(work, '.serverless', zip))).toString('latin1');
}, 120_000);

afterAll(async () => {
  await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
});

function resourcesOfType(template: Template, type: string): Array<[string, Resource]> {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

function resource(name: string): Resource {
  const found = update.Resources[name];
  if (!found) throw new Error(`no resource ${name}`);
  return found;
}

function props(name: string): Json {
  return resource(name).Properties ?? {};
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function roleStatements(): Statement[] {
  return resourcesOfType(update, 'AWS::IAM::Role').flatMap(([, role]) =>
    asArray(role.Properties?.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }>).flatMap((policy) => policy.PolicyDocument.Statement),
  );
}

function policyStatements(name: string): Statement[] {
  return (props(name).PolicyDocument as { Statement: Statement[] }).Statement;
}

/** Every resource name a value refers to: Ref, Fn::GetAtt, and ${Name} / ${Name.Attr} in Fn::Sub. */
function references(value: unknown, names: ReadonlySet<string>, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) references(item, names, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' && typeof item === 'string' && names.has(item)) found.add(item);
      else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(item) ? item[0] : String(item).split('.')[0];
        if (typeof target === 'string' && names.has(target)) found.add(target);
      } else if (key === 'Fn::Sub') {
        const text = Array.isArray(item) ? item[0] : item;
        for (const match of String(text).matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)) {
          if (match[1] && names.has(match[1])) found.add(match[1]);
        }
        if (Array.isArray(item)) references(item[1], names, found);
      } else references(item, names, found);
    }
  }
  return found;
}

describe('CloudFormation template from `osls package` (offline)', () => {
  it('produces both templates with the expected resources and no unresolved framework variables', () => {
    expect(Object.keys(update.Resources)).toEqual(
      expect.arrayContaining([
        'ContentBucket',
        'FeedsBucket',
        'EventsQueue',
        'EventsDeadLetterQueue',
        'EventsQueuePolicy',
        'FeedsDistribution',
        'FeedsBucketPolicy',
        'PublishLambdaFunction',
        'PublishScheduleGroup',
        'PublishSchedulerRole',
      ]),
    );
    expect(JSON.stringify(update)).not.toMatch(/\$\{(self|opt|sls|param|env|file|aws):/);
  });

  it('packages the bundle with the chunks it loads on demand and the licence notices, and nothing else', () => {
    expect(artifact).toContain('dist/lambda/publish.mjs');
    expect(artifact).toContain('dist/lambda/THIRD_PARTY_NOTICES.txt');
    expect(artifact).toContain('dist/lambda/chunks/chunk-STUB.mjs.LEGAL.txt');
    // The CloudFront and Scheduler clients are imported from chunks/ at their first use: without them the
    // first invalidation of a deployed function would fail.
    expect(artifact).toContain('dist/lambda/chunks/cloudfront-STUB.mjs');
    expect(artifact).not.toContain('meta.json');
    expect(artifact).not.toContain('serverless.yml');
  });

  it('blocks all public access on every bucket, the deployment bucket included', () => {
    const buckets = [...resourcesOfType(create, 'AWS::S3::Bucket'), ...resourcesOfType(update, 'AWS::S3::Bucket')];
    expect(buckets.map(([name]) => name)).toEqual(expect.arrayContaining(['ServerlessDeploymentBucket', 'ContentBucket', 'FeedsBucket']));
    for (const [name, bucket] of buckets) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration, name).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties?.BucketEncryption, name).toBeDefined();
    }
  });

  it('enforces bucket-owner object ownership on both buckets, and versions the content', () => {
    for (const name of ['ContentBucket', 'FeedsBucket']) {
      expect(props(name).OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    }
    expect(props('ContentBucket').VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('lets old versions of the content go, and the delete markers a removed article leaves once they stand alone', () => {
    // A delete marker with no version under it stays for ever, and many slow every listing of the bucket.
    const rules = (props('ContentBucket').LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toEqual([
      expect.objectContaining({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 }, ExpiredObjectDeleteMarker: true }),
    ]);
  });

  it('never grants S3 actions on Resource "*" or a bucket-wide wildcard ARN', () => {
    const s3Statements = roleStatements().filter((statement) => asArray(statement.Action).some((action) => action.startsWith('s3:')));
    expect(s3Statements.length).toBeGreaterThan(0);
    for (const statement of s3Statements) {
      for (const target of asArray(statement.Resource)) {
        expect(target, statement.Sid).not.toBe('*');
        expect(JSON.stringify(target), statement.Sid).not.toMatch(/arn:[^"]*:s3:::\*/);
      }
      expect(asArray(statement.Action), statement.Sid).not.toContain('s3:*');
    }
  });

  it('limits the function to the content folder and config files, the report prefix, and the feeds bucket', () => {
    const bySid = new Map(roleStatements().map((statement) => [statement.Sid, statement]));
    // Listing without a prefix condition: with one, S3 answers a GET of a missing key (a removed article,
    // read once after its removal event) with 403, not 404, and the run would fail. The code's listings
    // (CONFIG_PREFIXES, the content folders) are all in this bucket.
    expect(CONFIG_PREFIXES.length).toBeGreaterThan(0);
    expect(bySid.get('ListContent')?.Condition).toBeUndefined();
    expect(bySid.get('ListContent')?.Resource).toEqual({ 'Fn::GetAtt': ['ContentBucket', 'Arn'] });
    const reads = asArray(bySid.get('ReadContent')?.Resource).map((target) => String((target as Json)['Fn::Sub']));
    expect(reads).toContain('${ContentBucket.Arn}/content/*');
    expect(reads).toHaveLength(15);
    // Every config file the code reads can be read.
    const configKeys = [
      'hugo.toml',
      'hugo.yaml',
      'config.json',
      'feedpub.yml',
      'config/_default/hugo.toml',
      'config/_default/params.yaml',
      'config/production/hugo.toml',
      'config/_default/params/params.zh.toml',
      'config/production/sub/menus.en.yml',
      'content/en/a.md',
    ];
    for (const key of configKeys) {
      expect(
        reads.some((r) => stringLike(r, `\${ContentBucket.Arn}/${key}`)),
        key,
      ).toBe(true);
    }
    expect(reads.some((r) => stringLike(r, '${ContentBucket.Arn}/secrets.txt'))).toBe(false);
    expect(bySid.get('WriteReport')?.Resource).toEqual({ 'Fn::Sub': '${ContentBucket.Arn}/_feedpub/*' });
    expect(asArray(bySid.get('ReadWriteFeeds')?.Action).sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    expect(bySid.get('ReadWriteFeeds')?.Resource).toEqual({ 'Fn::Sub': '${FeedsBucket.Arn}/*' });
  });

  it('scopes CreateInvalidation and GetInvalidation (waiting before a WebSub ping) to the distribution', () => {
    const statements = roleStatements().filter((statement) => asArray(statement.Action).some((action) => action.startsWith('cloudfront:')));
    expect(statements).toHaveLength(1);
    expect(asArray(statements[0]?.Action).sort()).toEqual(['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation']);
    expect(statements[0]?.Resource).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${FeedsDistribution}',
    });
  });

  it('runs on Node 24, arm64, one concurrent execution, with the env bound to the resources', () => {
    const fn = props('PublishLambdaFunction');
    // Node 22 reaches its end of life on 2027-04-30; 24 is supported until 2028-04-30.
    const major = Number(/^nodejs(\d+)\.x$/.exec(String(fn.Runtime))?.[1]);
    expect(major).toBeGreaterThanOrEqual(24);
    // The bundle is built for the runtime it runs on (esbuild lowers nothing that runtime has).
    expect((lambdaBuildOptions(root) as { target: string }).target).toBe(`node${major}`);
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.ReservedConcurrentExecutions).toBe(1);
    expect(fn.Handler).toBe('dist/lambda/publish.handler');
    expect((fn.Environment as { Variables: Json }).Variables).toEqual({
      CONTENT_BUCKET: { Ref: 'ContentBucket' },
      FEEDS_BUCKET: { Ref: 'FeedsBucket' },
      CONTENT_PREFIX: 'content/',
      REPORT_PREFIX: '_feedpub/',
      CDN_DISTRIBUTION_ID: { Ref: 'FeedsDistribution' },
      // The invalidation budget: the changed paths within CloudFront's 1,000 free paths a month, then /*.
      CDN_INVALIDATION: 'budget',
      CDN_FREE_PATHS: '1000',
      SCHEDULE_GROUP: { Ref: 'PublishScheduleGroup' },
      SCHEDULE_NAME: 'next-change',
      SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': ['PublishSchedulerRole', 'Arn'] },
      FUNCTION_ARN: { 'Fn::Sub': functionArn },
    });
  });

  it('keeps logs 14 days', () => {
    const groups = resourcesOfType(update, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const [, group] of groups) expect(group.Properties?.RetentionInDays).toBe(14);
  });

  it('feeds the function from the SQS queue in batches, which has a dead-letter queue', () => {
    const mappings = resourcesOfType(update, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]?.[1].Properties ?? {};
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': ['EventsQueue', 'Arn'] });
    expect(mapping.FunctionName).toEqual({ 'Fn::GetAtt': ['PublishLambdaFunction', 'Arn'] });
    expect(Number(mapping.BatchSize)).toBeGreaterThanOrEqual(10);
    expect(Number(mapping.MaximumBatchingWindowInSeconds)).toBeGreaterThan(0);
    const queue = props('EventsQueue');
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] },
      maxReceiveCount: 15,
    });
    // AWS: visibility timeout at least six times the function timeout.
    expect(Number(queue.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * Number(props('PublishLambdaFunction').Timeout));
  });

  it("records failed asynchronous invocations (the hourly run, wake-ups) in the dead-letter queue, through the function's role", () => {
    const configs = resourcesOfType(update, 'AWS::Lambda::EventInvokeConfig');
    expect(configs).toHaveLength(1);
    const config = configs[0]?.[1].Properties ?? {};
    expect(config.FunctionName).toEqual({ Ref: 'PublishLambdaFunction' });
    expect(config.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] } } });
    const bySid = new Map(roleStatements().map((statement) => [statement.Sid, statement]));
    expect(asArray(bySid.get('RecordAsyncFailures')?.Action)).toEqual(['sqs:SendMessage']);
    expect(bySid.get('RecordAsyncFailures')?.Resource).toEqual({ 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] });
  });

  it('lets EventBridge Scheduler, for this account and schedule group only, invoke exactly this function', () => {
    const group = props('PublishScheduleGroup');
    expect(group.Name).toBe('feedpub-test');
    const role = props('PublishSchedulerRole');
    const trust = (role.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;
    expect(trust).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnEquals: {
            'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule-group/feedpub-test' },
          },
        },
      },
    ]);
    const policies = role.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }>;
    const statements = policies.flatMap((policy) => policy.PolicyDocument.Statement);
    expect(statements.map(({ Effect, Action, Resource }) => ({ Effect, Action: asArray(Action), Resource }))).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: { 'Fn::Sub': functionArn } },
    ]);
    // The ARN built from the name is the function's: the function is named so.
    expect(props('PublishLambdaFunction').FunctionName).toBe('feedpub-test-publish');
    // No resource-based permission is needed (Scheduler invokes with the role), and none was added for it.
    const permissions = resourcesOfType(update, 'AWS::Lambda::Permission').map(([, permission]) => permission.Properties?.Principal);
    expect(permissions).not.toContain('scheduler.amazonaws.com');
  });

  it('lets the function set only its own wake-up schedule, and pass only the scheduler role, only to Scheduler', () => {
    const schedulerStatements = roleStatements().filter((statement) => asArray(statement.Action).some((action) => action.startsWith('scheduler:')));
    expect(schedulerStatements).toHaveLength(1);
    const [schedule] = schedulerStatements;
    expect(schedule?.Effect).toBe('Allow');
    expect(asArray(schedule?.Action).sort()).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:UpdateSchedule']);
    // Exactly schedule/<the stack's group>/<SCHEDULE_NAME>: no wildcard.
    expect(schedule?.Resource).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/feedpub-test/next-change',
    });
    const env = (props('PublishLambdaFunction').Environment as { Variables: Json }).Variables;
    expect(String((schedule?.Resource as Json | undefined)?.['Fn::Sub'])).toMatch(new RegExp(`/${String(env.SCHEDULE_NAME)}$`));
    const passRole = roleStatements().filter((statement) => asArray(statement.Action).includes('iam:PassRole'));
    expect(passRole).toHaveLength(1);
    expect(asArray(passRole[0]?.Action)).toEqual(['iam:PassRole']);
    expect(passRole[0]?.Resource).toEqual({ 'Fn::GetAtt': ['PublishSchedulerRole', 'Arn'] });
    expect(passRole[0]?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    for (const statement of [...schedulerStatements, ...passRole]) expect(statement.Resource).not.toBe('*');
  });

  it('keeps an hourly {"action":"rebuild"} as the safety net for a missed wake-up', () => {
    const rules = resourcesOfType(update, 'AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]?.[1].Properties?.ScheduleExpression).toBe('rate(1 hour)');
    const targets = rules[0]?.[1].Properties?.Targets as Array<{ Input: string }>;
    expect(JSON.parse(targets[0]?.Input ?? '')).toEqual({ action: 'rebuild' });
  });

  it("notifies the queue of Markdown under content/, of the root config files and of Hugo's config/_default/ and config/production/ only", () => {
    const configurations = (
      props('ContentBucket').NotificationConfiguration as {
        QueueConfigurations: Array<{ Event: string; Queue: unknown; Filter: { S3Key: { Rules: Array<{ Name: string; Value: string }> } } }>;
      }
    ).QueueConfigurations;
    expect(configurations.length).toBeGreaterThan(0);
    const filters = new Map<string, string[]>();
    for (const configuration of configurations) {
      expect(configuration.Queue).toEqual({ 'Fn::GetAtt': ['EventsQueue', 'Arn'] });
      const rules = Object.fromEntries(configuration.Filter.S3Key.Rules.map((rule) => [rule.Name, rule.Value]));
      const filter = `${rules.prefix ?? ''}…${rules.suffix ?? ''}`;
      filters.set(filter, [...(filters.get(filter) ?? []), configuration.Event].sort());
    }
    const both = ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'];
    for (const extension of ['.md', '.markdown', '.mdown']) expect(filters.get(`content/…${extension}`)).toEqual(both);
    for (const base of ['hugo', 'config', 'feedpub']) {
      for (const extension of ['toml', 'yaml', 'yml', 'json']) {
        const name = `${base}.${extension}`;
        expect(filters.get(`${name}…${name}`), name).toEqual(both);
      }
    }
    for (const dir of ['config/_default/', 'config/production/']) {
      for (const extension of ['.toml', '.yaml', '.yml', '.json']) expect(filters.get(`${dir}…${extension}`), `${dir}${extension}`).toEqual(both);
    }
    expect(filters.size).toBe(23);
    // Hugo reads the config files of folders below too: the prefix and suffix filters let them through.
    const notified = (key: string) =>
      [...filters.keys()].some((filter) => {
        const [prefix = '', suffix = ''] = filter.split('…');
        return key.startsWith(prefix) && key.endsWith(suffix);
      });
    for (const key of ['config/_default/params/params.zh.toml', 'config/_default/a/b/permalinks.yaml', 'config/production/sub/hugo.json']) {
      expect(notified(key), key).toBe(true);
    }
  });

  it('lets only the content bucket send to the queue, naming it without a circular reference', () => {
    const [statement] = policyStatements('EventsQueuePolicy');
    expect(statement?.Effect).toBe('Allow');
    expect(statement?.Principal).toEqual({ Service: 's3.amazonaws.com' });
    expect(statement?.Action).toBe('sqs:SendMessage');
    const bucketName = (props('ContentBucket').BucketName as Json)['Fn::Sub'];
    expect(statement?.Condition?.ArnEquals).toEqual({
      'aws:SourceArn': { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${String(bucketName)}` },
    });
    expect(asArray(resource('ContentBucket').DependsOn)).toContain('EventsQueuePolicy');
  });

  it('has no circular dependency between resources', () => {
    const names = new Set(Object.keys(update.Resources));
    const edges = new Map<string, Set<string>>();
    for (const [name, item] of Object.entries(update.Resources)) {
      const found = references(item.Properties, names);
      for (const dependency of asArray(item.DependsOn)) found.add(dependency);
      edges.set(name, found);
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, trail: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') throw new Error(`cycle: ${[...trail, name].join(' → ')}`);
      state.set(name, 'visiting');
      for (const next of edges.get(name) ?? []) visit(next, [...trail, name]);
      state.set(name, 'done');
    };
    expect(() => {
      for (const name of names) visit(name, []);
    }).not.toThrow();
    // The check itself can fail: the bucket does depend on the queue.
    expect(edges.get('ContentBucket')).toContain('EventsQueue');
    // The function names the scheduler role; the role names the function only by a built ARN.
    expect(edges.get('PublishLambdaFunction')).toContain('PublishSchedulerRole');
    expect(edges.get('PublishSchedulerRole')?.size).toBe(0);
  });

  it('serves the feeds bucket only to the distribution, and never _feedpub/*', () => {
    const statements = policyStatements('FeedsBucketPolicy');
    const allow = statements.find((statement) => statement.Effect === 'Allow');
    expect(allow?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allow?.Action).toBe('s3:GetObject');
    expect(allow?.Condition).toEqual({
      StringEquals: {
        'AWS:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${FeedsDistribution}' },
      },
    });
    const denyState = statements.find((statement) => statement.Effect === 'Deny' && JSON.stringify(statement.Resource).includes('/_feedpub/*'));
    expect(denyState?.Action).toBe('s3:GetObject');
    expect(denyState?.Resource).toEqual({ 'Fn::Sub': '${FeedsBucket.Arn}/_feedpub/*' });
    expect(denyState?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(statements.filter((statement) => statement.Effect === 'Allow')).toHaveLength(2);
  });

  it('lets the distribution list the feeds bucket, so a removed feed answers 404 and not 403, under the same SourceArn condition', () => {
    const statements = policyStatements('FeedsBucketPolicy');
    const list = statements.filter((statement) => statement.Effect === 'Allow' && asArray(statement.Action).includes('s3:ListBucket'));
    expect(list).toHaveLength(1);
    const read = statements.find((statement) => statement.Effect === 'Allow' && statement.Action === 's3:GetObject');
    expect(list[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:ListBucket' });
    // The bucket itself (listing is a bucket action), never its objects or another bucket.
    expect(list[0]?.Resource).toEqual({ 'Fn::GetAtt': ['FeedsBucket', 'Arn'] });
    expect(read?.Condition).toBeDefined();
    expect(list[0]?.Condition).toEqual(read?.Condition);
  });

  // Listing is a GET of the bucket root (`/`, with `list-type`, `prefix`, ... in the query string): with
  // s3:ListBucket granted to CloudFront, no viewer request may reach the origin as one.
  it('never lets a viewer request reach a bucket listing: no query string is forwarded, and no URI reaches the bucket as its root', () => {
    const config = props('FeedsDistribution').DistributionConfig as Json;
    const behavior = config.DefaultCacheBehavior as Json;
    // One behaviour; without an origin request policy, CloudFront forwards to the origin only what the cache policy keys on.
    expect(config.CacheBehaviors).toBeUndefined();
    expect(behavior.OriginRequestPolicyId).toBeUndefined();
    expect(behavior.ForwardedValues).toBeUndefined();
    const keyed = (props('FeedsCachePolicy').CachePolicyConfig as Json).ParametersInCacheKeyAndForwardedToOrigin as Json;
    expect(keyed.QueryStringsConfig).toEqual({ QueryStringBehavior: 'none' });
    const [origin] = config.Origins as Json[];
    expect(origin?.OriginPath ?? '').toBe('');
    // Whatever URI a viewer sends, the function answers it itself or asks the bucket for a key: never for `/`.
    const handler = viewerFunction();
    const segment = fc.stringMatching(/^[a-z0-9.+~%_-]{0,6}$/);
    const uri = fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
    const trailing = fc.tuple(uri, fc.boolean()).map(([path, slash]) => (slash && !path.endsWith('/') ? `${path}/` : path));
    for (const sample of ['/', '//', '/./', '/index.xml', '/feeds', '/%2F']) expect(originUri(handler, sample), sample).not.toBe('/');
    fc.assert(
      fc.property(trailing, (path) => {
        const reached = originUri(handler, path);
        expect(reached === undefined || (reached !== '/' && !reached.endsWith('/')), `${path} -> ${String(reached)}`).toBe(true);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('puts CloudFront over HTTPS with OAC sigv4, HTTP/2+3, compression and a cache policy that honours Cache-Control', () => {
    const config = props('FeedsDistribution').DistributionConfig as Json;
    expect(config.HttpVersion).toBe('http2and3');
    expect(config.PriceClass).toBe('PriceClass_100');
    const behavior = config.DefaultCacheBehavior as Json;
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(behavior.Compress).toBe(true);
    expect(behavior.CachePolicyId).toEqual({ Ref: 'FeedsCachePolicy' });
    const [origin] = config.Origins as Json[];
    expect(origin?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['FeedsOriginAccessControl', 'Id'] });
    const oac = (props('FeedsOriginAccessControl').OriginAccessControlConfig ?? {}) as Json;
    expect(oac).toMatchObject({ SigningProtocol: 'sigv4', SigningBehavior: 'always', OriginAccessControlOriginType: 's3' });
    const cache = props('FeedsCachePolicy').CachePolicyConfig as Json;
    expect(cache.MinTTL).toBe(0);
    expect(Number(cache.DefaultTTL)).toBeGreaterThan(0);
    expect(Number(cache.MaxTTL)).toBeGreaterThanOrEqual(Number(cache.DefaultTTL));
  });

  it("gives a run Lambda's maximum time and keeps the queue's visibility at six times it", () => {
    const fn = props('PublishLambdaFunction');
    // A full reconcile of 100,000 articles came near the 300 s this was: after which every retry fails alike.
    expect(fn.Timeout).toBe(900);
    // The run stops itself 30 s before the invocation's deadline, from Lambda's context (functions/deps.ts
    // withDeadline): no variable says the timeout again, to disagree with it.
    expect(Object.keys((fn.Environment as { Variables: Json }).Variables)).not.toContain('FEEDPUB_TIMEOUT_SECONDS');
    const queue = props('EventsQueue');
    expect(Number(queue.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * Number(fn.Timeout));
    // A batch that fails every time reaches the dead-letter queue (15 receives) before SQS drops it.
    expect(15 * Number(queue.VisibilityTimeout)).toBeLessThan(Number(queue.MessageRetentionPeriod));
  });

  it('rewrites viewer URIs with a tiny cloudfront-js-2.0 function on the default behaviour, published with the stack', () => {
    const fn = props('FeedsViewerRequest');
    expect(resource('FeedsViewerRequest').Type).toBe('AWS::CloudFront::Function');
    expect(fn.AutoPublish).toBe(true);
    expect((fn.FunctionConfig as Json).Runtime).toBe('cloudfront-js-2.0');
    expect(String((fn.FunctionConfig as Json).Comment).length).toBeLessThanOrEqual(128);
    // CloudFront Functions take at most 10 KB of code; this one stays a small fraction of it.
    expect(Buffer.byteLength(String(fn.FunctionCode), 'utf8')).toBeLessThan(2048);
    const behavior = (props('FeedsDistribution').DistributionConfig as Json).DefaultCacheBehavior as Json;
    expect(behavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['FeedsViewerRequest', 'FunctionARN'] } }]);
  });

  // S3's REST endpoint reads `+` in a path as a space, and has no index documents.
  it.each([
    ['/tags/c++/index.xml', '/tags/c%2B%2B/index.xml'],
    ['/feeds/', '/feeds/index.html'],
    ['/zh-cn/feeds/', '/zh-cn/feeds/index.html'],
    ['/index.xml', '/index.xml'],
    ['/tags/c%2B%2B/index.xml', '/tags/c%2B%2B/index.xml'],
    ['/tags/c++/', '/tags/c%2B%2B/index.html'],
    ['/tags/%C3%A9conomie/atom.xml', '/tags/%C3%A9conomie/atom.xml'],
  ])('the viewer-request function asks the bucket for %s as %s, and changes nothing else', (uri, expected) => {
    // Prepare: a viewer-request event as CloudFront Functions give it.
    const request = { method: 'GET', uri, querystring: { v: { value: '1' } }, headers: { host: { value: 'd111111abcdef8.cloudfront.net' } }, cookies: {} };
    const event = { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.7' }, request: structuredClone(request) };
    // Act
    const result = viewerFunction()(event);
    // Assess: the request goes on (no response is generated), with only its URI changed.
    expect(result).toEqual({ ...request, uri: expected });
  });

  it.each([
    ['/feeds', './feeds/', 'https://d111111abcdef8.cloudfront.net/feeds/'],
    ['/zh-cn/feeds', './feeds/', 'https://d111111abcdef8.cloudfront.net/zh-cn/feeds/'],
    ['/tags/c++', './c++/', 'https://d111111abcdef8.cloudfront.net/tags/c++/'],
    // Not an open redirect: a path that starts like another host stays on this one (a security review).
    ['//evil.example/x', './x/', 'https://d111111abcdef8.cloudfront.net//evil.example/x/'],
    ['/\\evil.example/x', './x/', 'https://d111111abcdef8.cloudfront.net//evil.example/x/'],
    ['//134744072', './134744072/', 'https://d111111abcdef8.cloudfront.net//134744072/'],
  ])('the viewer-request function redirects %s, a folder asked for without its slash, to %s on the same host', (uri, location, resolved) => {
    const request = { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} };
    const result = viewerFunction()({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.7' }, request });
    // CloudFront adds no response headers policy to a response the function makes: the redirect carries
    // its own Access-Control-Allow-Origin, or a browser reader following it cross-origin is refused.
    expect(result).toEqual({
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: location }, 'access-control-allow-origin': { value: '*' } },
    });
    // As a browser resolves it against the URL it asked for.
    expect(new URL(location, `https://d111111abcdef8.cloudfront.net${uri}`).href).toBe(resolved);
  });

  // feedpub publishes no page at the root: the feed directory is the site's page.
  it.each(['GET', 'HEAD'])('the viewer-request function redirects %s / to the feed directory, /feeds/, for now (302): the directory may move', (method) => {
    const request = { method, uri: '/', querystring: { a: { value: '1' } }, headers: {}, cookies: {} };
    const result = viewerFunction()({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.7' }, request });
    expect(result).toEqual({
      statusCode: 302,
      statusDescription: 'Found',
      headers: { location: { value: '/feeds/' }, 'access-control-allow-origin': { value: '*' } },
    });
  });

  it('lets browser readers fetch the feeds cross-origin: OPTIONS allowed on the behaviour, ETag and Last-Modified exposed, preflights cached a day', () => {
    const behavior = (props('FeedsDistribution').DistributionConfig as Json).DefaultCacheBehavior as Json;
    // Without OPTIONS, CloudFront itself refuses a preflight with 403 before the function runs.
    expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    // The function answers every OPTIONS: nothing of it is cached.
    expect(behavior.CachedMethods).toEqual(['GET', 'HEAD']);
    expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: 'FeedsResponseHeadersPolicy' });
    const cors = (props('FeedsResponseHeadersPolicy').ResponseHeadersPolicyConfig as Json).CorsConfig as Json;
    expect(cors).toEqual({
      AccessControlAllowCredentials: false,
      AccessControlAllowHeaders: { Items: ['*'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlExposeHeaders: { Items: ['ETag', 'Last-Modified'] },
      AccessControlMaxAgeSec: 86400,
      OriginOverride: true,
    });
  });

  it('names every account-wide resource with the region too, so the same stage deploys in a second region', () => {
    // CloudFront's names, IAM's and S3's are unique in the account (S3: in all of AWS), not in a region.
    const global = [
      ...cloudFrontNames(update).map(({ resource, name }) => [resource, name] as const),
      ...resourcesOfType(update, 'AWS::IAM::Role')
        .filter(([, role]) => role.Properties?.RoleName !== undefined)
        .map(([resource, role]) => [resource, role.Properties?.RoleName] as const),
      ...resourcesOfType(update, 'AWS::S3::Bucket')
        .filter(([, bucket]) => bucket.Properties?.BucketName !== undefined)
        .map(([resource, bucket]) => [resource, bucket.Properties?.BucketName] as const),
    ];
    expect(global.map(([resource]) => resource)).toEqual(
      expect.arrayContaining([
        'FeedsOriginAccessControl',
        'FeedsCachePolicy',
        'FeedsResponseHeadersPolicy',
        'FeedsViewerRequest',
        'ContentBucket',
        'FeedsBucket',
      ]),
    );
    for (const [resource, name] of global) {
      const here = nameIn(name, 'feedpub-test', 'eu-west-1', '123456789012');
      const there = nameIn(name, 'feedpub-test', 'us-east-1', '123456789012');
      expect(here, resource).not.toBe(there);
    }
    // As CloudFront gets them: each name is unique among its own kind.
    const names = cloudFrontNames(update).map(({ name }) => nameIn(name, 'feedpub-test', 'eu-west-1', '123456789012'));
    expect(names).toEqual(['feedpub-test-eu-west-1-feeds', 'feedpub-test-eu-west-1-feeds', 'feedpub-test-eu-west-1-feeds', 'feedpub-test-eu-west-1-feeds-uri']);
  });

  it.each(['/index.xml', '/tags/c++/atom.xml', '/feeds/', '/feeds', '/'])(
    'the viewer-request function answers a CORS preflight for %s itself, 204 with the CORS headers of the response headers policy',
    (uri) => {
      // Prepare: a browser preflight for a cross-origin GET with a header of its own.
      const headers = {
        origin: { value: 'https://reader.example' },
        'access-control-request-method': { value: 'GET' },
        'access-control-request-headers': { value: 'if-none-match,x-reader' },
      };
      const request = { method: 'OPTIONS', uri, querystring: {}, headers, cookies: {} };
      // Act
      const result = viewerFunction()({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.7' }, request }) as {
        statusCode?: number;
        headers?: Record<string, { value: string }>;
      };
      // Assess: answered at the edge (S3, without a CORS configuration, would refuse it), with what the policy says.
      const cors = (props('FeedsResponseHeadersPolicy').ResponseHeadersPolicyConfig as Json).CorsConfig as {
        AccessControlAllowMethods: { Items: string[] };
        AccessControlAllowOrigins: { Items: string[] };
        AccessControlMaxAgeSec: number;
      };
      expect(result.statusCode).toBe(204);
      expect(result.headers).toEqual({
        'access-control-allow-origin': { value: cors.AccessControlAllowOrigins.Items.join(', ') },
        'access-control-allow-methods': { value: cors.AccessControlAllowMethods.Items.join(', ') },
        'access-control-allow-headers': { value: '*' },
        'access-control-max-age': { value: String(cors.AccessControlMaxAgeSec) },
      });
    },
  );

  it("alarms on one SNS topic when a run fails (the function's Errors) and when retries are spent (the dead-letter queue)", () => {
    const alarms = resourcesOfType(update, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
    expect(alarms).toHaveLength(2);
    const byMetric = new Map(alarms.map((alarm) => [`${String(alarm.Namespace)} ${String(alarm.MetricName)}`, alarm]));
    const deadLetters = byMetric.get('AWS/SQS ApproximateNumberOfMessagesVisible');
    expect(deadLetters?.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['EventsDeadLetterQueue', 'QueueName'] } }]);
    const errors = byMetric.get('AWS/Lambda Errors');
    expect(errors?.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: 'PublishLambdaFunction' } }]);
    expect(errors?.Statistic).toBe('Sum');
    for (const alarm of [deadLetters, errors]) {
      expect(alarm).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: 'AlarmTopic' }],
      });
    }
    expect(resource('AlarmTopic').Type).toBe('AWS::SNS::Topic');
    expect(update.Outputs?.AlarmTopicArn?.Value).toEqual({ Ref: 'AlarmTopic' });
  });

  it('lets only these two alarms of this account publish to the topic, and gives the function no new permission', () => {
    expect(props('AlarmTopicPolicy').Topics).toEqual([{ Ref: 'AlarmTopic' }]);
    expect(policyStatements('AlarmTopicPolicy')).toEqual([
      {
        Sid: 'AllowFeedpubAlarms',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: 'AlarmTopic' },
        Condition: {
          ArnEquals: { 'aws:SourceArn': [{ 'Fn::GetAtt': ['DeadLettersAlarm', 'Arn'] }, { 'Fn::GetAtt': ['PublishErrorsAlarm', 'Arn'] }] },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      },
    ]);
    // The roles' statements are exactly those they had before the alarms.
    expect(
      roleStatements()
        .map((statement) => `${statement.Sid ?? '-'} ${asArray(statement.Action).sort().join(',')}`)
        .sort(),
    ).toEqual(
      [
        '- logs:CreateLogGroup,logs:CreateLogStream,logs:TagResource',
        '- logs:PutLogEvents',
        '- sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:ReceiveMessage',
        'InvalidateFeeds cloudfront:CreateInvalidation,cloudfront:GetInvalidation',
        'InvokePublish lambda:InvokeFunction',
        'ListContent s3:ListBucket',
        'ListFeeds s3:ListBucket',
        'PassSchedulerRole iam:PassRole',
        'ReadContent s3:GetObject',
        'ReadWriteFeeds s3:DeleteObject,s3:GetObject,s3:PutObject',
        'RecordAsyncFailures sqs:SendMessage',
        'SetNextWakeUp scheduler:CreateSchedule,scheduler:DeleteSchedule,scheduler:UpdateSchedule',
        'WriteReport s3:PutObject',
      ].sort(),
    );
  });

  it('makes no e-mail subscription when no alarm e-mail is set', () => {
    const subscription = resource('AlarmEmailSubscription');
    expect(subscription.Condition).toBe('HasAlarmEmail');
    expect(condition(update, 'HasAlarmEmail')).toBe(false);
    expect(resourcesOfType(update, 'AWS::SNS::Subscription').filter(([, item]) => item.Condition === undefined || condition(update, item.Condition))).toEqual(
      [],
    );
  });

  it('resolves every reference (Ref, Fn::GetAtt with its attribute, ${…} in Fn::Sub, Condition) within the template', () => {
    for (const template of [update, create]) {
      const problems: string[] = [];
      const resources = template.Resources;
      for (const { kind, name, attribute } of allReferences({ Resources: resources, Outputs: template.Outputs ?? {} })) {
        if (name.startsWith('AWS::')) {
          if (!PSEUDO_PARAMETERS.has(name)) problems.push(`${kind} ${name}`);
          continue;
        }
        const target = resources[name];
        if (target === undefined) problems.push(`${kind} ${name}: no such resource`);
        else if (attribute !== undefined && !GET_ATT[target.Type]?.includes(attribute)) problems.push(`${kind} ${name}.${attribute} (${target.Type})`);
      }
      for (const [name, item] of Object.entries(resources)) {
        if (item.Condition !== undefined && template.Conditions?.[item.Condition] === undefined) problems.push(`${name}: no condition ${item.Condition}`);
      }
      expect(problems).toEqual([]);
    }
    // The check itself can fail.
    expect(allReferences({ x: { 'Fn::Sub': '${Missing.Arn}' } })).toEqual([{ kind: 'Fn::Sub', name: 'Missing', attribute: 'Arn' }]);
  });

  it('without a custom domain, the distribution has only its own name and certificate, as before the option', () => {
    expect(condition(update, 'HasCustomDomain')).toBe(false);
    const config = resolved(update, props('FeedsDistribution').DistributionConfig) as Json;
    expect(Object.keys(config).sort()).toEqual(['Comment', 'DefaultCacheBehavior', 'Enabled', 'HttpVersion', 'IPV6Enabled', 'Origins', 'PriceClass']);
    expect(update.Outputs?.FeedsCustomDomainName?.Condition).toBe('HasCustomDomain');
  });

  it('outputs the distribution domain, the bucket names and the queue URL', () => {
    expect(update.Outputs?.FeedsDomainName?.Value).toEqual({ 'Fn::GetAtt': ['FeedsDistribution', 'DomainName'] });
    expect(update.Outputs?.ContentBucketName?.Value).toEqual({ Ref: 'ContentBucket' });
    expect(update.Outputs?.FeedsBucketName?.Value).toEqual({ Ref: 'FeedsBucket' });
    expect(update.Outputs?.EventsQueueUrl?.Value).toEqual({ Ref: 'EventsQueue' });
  });
});

/** IAM's StringLike (and resource ARN) matching: `*` any run of characters, `?` one character. */
function stringLike(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}

describe('CloudFormation template with an alarm e-mail (`--param="alarmEmail=…"`)', () => {
  let withEmail: Template;
  beforeAll(async () => {
    const dir = await packageCopy(['--param=alarmEmail=ops@example.com']);
    withEmail = await templateIn(dir, 'cloudformation-template-update-stack.json');
  }, 120_000);

  it('subscribes that address to the alarm topic by e-mail', () => {
    expect(condition(withEmail, 'HasAlarmEmail')).toBe(true);
    const subscriptions = resourcesOfType(withEmail, 'AWS::SNS::Subscription');
    expect(subscriptions.map(([, item]) => item.Properties)).toEqual([{ TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'email', Endpoint: 'ops@example.com' }]);
  });
});

describe('CloudFormation template with a content folder of its own (`--param="contentPrefix=src/"`)', () => {
  let withPrefix: Template;
  beforeAll(async () => {
    const dir = await packageCopy(['--param=contentPrefix=src/']);
    withPrefix = await templateIn(dir, 'cloudformation-template-update-stack.json');
  }, 120_000);

  it('reads, grants and is notified under that folder, not under content/', () => {
    const text = JSON.stringify(withPrefix);
    expect(text).not.toContain('content/');
    const env = resolved(withPrefix, withPrefix.Resources.PublishLambdaFunction?.Properties?.Environment) as Json;
    expect(env).toMatchObject({ Variables: { CONTENT_PREFIX: 'src/' } });
    const filters = JSON.stringify(resourcesOfType(withPrefix, 'AWS::S3::Bucket').map(([, bucket]) => bucket.Properties?.NotificationConfiguration ?? null));
    expect(filters).toContain('{"Name":"prefix","Value":"src/"}');
    expect(text).toMatch(/\/src\/\*/);
  });

  it('refuses a folder that S3 filters or the function cannot use', async () => {
    for (const bad of ['src', '../x/', '_feedpub/']) {
      const failure = await packageCopy([`--param=contentPrefix=${bad}`]).then(
        () => undefined,
        (error: unknown) => error as { stdout?: string; stderr?: string },
      );
      expect(`${failure?.stdout ?? ''}${failure?.stderr ?? ''}`).toMatch(
        /contentPrefix must (be a folder ending in "\/"|be a relative folder ending in "\/"|lie apart from _feedpub\/)/,
      );
    }
  }, 240_000);
});

describe('CloudFormation template for readers in Asia (`--param="priceClass=PriceClass_200"`)', () => {
  it('serves from the price class asked for, and refuses one CloudFront does not know', async () => {
    // Arrange + Act
    const dir = await packageCopy(['--param=priceClass=PriceClass_200']);
    const template = await templateIn(dir, 'cloudformation-template-update-stack.json');
    const failure = await packagingFailure(['--param=priceClass=PriceClass_300'], {});
    // Assess
    const [[, distribution] = []] = resourcesOfType(template, 'AWS::CloudFront::Distribution');
    expect((distribution?.Properties?.DistributionConfig as Json | undefined)?.PriceClass).toBe('PriceClass_200');
    expect(failure).toMatch(/priceClass must be one of PriceClass_100, PriceClass_200, PriceClass_All, not "PriceClass_300"/);
  }, 240_000);
});

describe('CloudFormation template with invalidation settings (`--param="invalidation=paths"`, `freeInvalidationPaths`)', () => {
  it('gives the function the mode and the free paths asked for, and refuses values it would refuse at its start', async () => {
    // Arrange + Act
    const dir = await packageCopy(['--param=invalidation=paths', '--param=freeInvalidationPaths=0300']);
    const template = await templateIn(dir, 'cloudformation-template-update-stack.json');
    const badMode = await packagingFailure(['--param=invalidation=wildcard'], {});
    const badPaths = await packagingFailure(['--param=freeInvalidationPaths=-5'], {});
    // Assess
    const env = (template.Resources.PublishLambdaFunction?.Properties?.Environment as { Variables: Json } | undefined)?.Variables;
    expect(env).toMatchObject({ CDN_INVALIDATION: 'paths', CDN_FREE_PATHS: '300' });
    expect(badMode).toMatch(/invalidation must be one of budget, paths, all, not "wildcard"/);
    expect(badPaths).toMatch(/freeInvalidationPaths must be a whole number of paths from 0 to 999999999 \(CloudFront gives 1000 a month\), not "-5"/);
  }, 360_000);
});

/** Why packaging failed (osls prints the error), or undefined when it did not. */
async function packagingFailure(extra: readonly string[], names: { stage?: string; region?: string }): Promise<string | undefined> {
  return packageCopy(extra, names).then(
    () => undefined,
    (error: unknown) => `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`,
  );
}

/**
 * A name as CloudFormation makes it for a stack of this name in this region and account: the pseudo
 * parameters of an Fn::Sub string, or an Fn::Join of strings and pseudo parameters.
 */
function nameIn(value: unknown, stackName: string, region: string, accountId: string): string {
  const pseudo: Record<string, string> = { 'AWS::StackName': stackName, 'AWS::Region': region, 'AWS::AccountId': accountId };
  if (typeof value === 'string') return value;
  const node = value as Json;
  if (typeof node['Fn::Sub'] === 'string') {
    return node['Fn::Sub'].replace(/\$\{([^}]+)\}/g, (_, name: string) => {
      const found = pseudo[name];
      if (found === undefined) throw new Error(`not a pseudo parameter: ${name}`);
      return found;
    });
  }
  if (Array.isArray(node['Fn::Join'])) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts
      .map((part) => ((part as Json).Ref !== undefined ? pseudo[String((part as Json).Ref)] : nameIn(part, stackName, region, accountId)))
      .join(separator);
  }
  throw new Error(`not a name: ${JSON.stringify(value)}`);
}

/** CloudFront's names (account-wide, not regional), by resource, with their documented limits. */
function cloudFrontNames(template: Template): Array<{ resource: string; name: unknown; max: number }> {
  const config = (name: string, key: string): unknown => ((template.Resources[name]?.Properties?.[key] ?? {}) as Json).Name;
  return [
    { resource: 'FeedsOriginAccessControl', name: config('FeedsOriginAccessControl', 'OriginAccessControlConfig'), max: 64 },
    { resource: 'FeedsCachePolicy', name: config('FeedsCachePolicy', 'CachePolicyConfig'), max: 128 },
    { resource: 'FeedsResponseHeadersPolicy', name: config('FeedsResponseHeadersPolicy', 'ResponseHeadersPolicyConfig'), max: 128 },
    { resource: 'FeedsViewerRequest', name: template.Resources.FeedsViewerRequest?.Properties?.Name, max: 64 },
  ];
}

/** The longest region osls accepts (its schema's list of regions): 14 characters. */
const LONGEST_REGION = 'ap-southeast-1';
/** The longest stage infra/stage.cjs accepts in that region: feedpub-<19>-ap-southeast-1-content-<12 digits> is 63 characters. */
const LONGEST_STAGE = 's'.repeat(19);

describe('The stage (`--stage`), checked at package time (infra/stage.cjs)', () => {
  let longest: Template;
  beforeAll(async () => {
    const dir = await packageCopy([], { stage: LONGEST_STAGE, region: LONGEST_REGION });
    longest = await templateIn(dir, 'cloudformation-template-update-stack.json');
  }, 120_000);

  it('packages the longest stage it allows in the longest region, and every bucket name is then a valid S3 name', () => {
    // The deployment bucket has no BucketName: CloudFormation makes one up, a valid one.
    const buckets = resourcesOfType(longest, 'AWS::S3::Bucket')
      .filter(([, bucket]) => bucket.Properties?.BucketName !== undefined)
      .map(([, bucket]) => nameIn(bucket.Properties?.BucketName, `feedpub-${LONGEST_STAGE}`, LONGEST_REGION, '123456789012'));
    expect(buckets).toHaveLength(2);
    for (const name of buckets) {
      expect(name.length, name).toBeLessThanOrEqual(63);
      expect(name, name).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    }
    // The bound is tight: the longest name is exactly S3's longest.
    expect(Math.max(...buckets.map((name) => name.length))).toBe(63);
  });

  it('fits every other name built from the stage and region within its service limit, with that longest stage and region', () => {
    const stack = `feedpub-${LONGEST_STAGE}`;
    const names = [
      // CloudFront: a function name is at most 64 of [A-Za-z0-9_-], an origin access control's 64, a policy's 128.
      ...cloudFrontNames(longest).map(({ resource, name, max }) => ({ resource, name: nameIn(name, stack, LONGEST_REGION, '123456789012'), max })),
      ...resourcesOfType(longest, 'AWS::IAM::Role')
        .filter(([, role]) => role.Properties?.RoleName !== undefined)
        .map(([resource, role]) => ({ resource, name: nameIn(role.Properties?.RoleName, stack, LONGEST_REGION, '123456789012'), max: 64 })),
      ...resourcesOfType(longest, 'AWS::Lambda::Function').map(([resource, fn]) => ({ resource, name: String(fn.Properties?.FunctionName), max: 64 })),
      { resource: 'PublishScheduleGroup', name: String(longest.Resources.PublishScheduleGroup?.Properties?.Name), max: 64 },
      ...resourcesOfType(longest, 'AWS::CloudWatch::Alarm').map(([resource, alarm]) => ({
        resource,
        name: nameIn(alarm.Properties?.AlarmName, stack, LONGEST_REGION, '123456789012'),
        max: 255,
      })),
    ];
    expect(names.length).toBeGreaterThanOrEqual(9);
    for (const { resource, name, max } of names) {
      expect(name.length, `${resource}: ${name}`).toBeLessThanOrEqual(max);
      expect(name, resource).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(name, resource).toContain(LONGEST_STAGE);
    }
  });

  it.each([
    ['Prod', 'eu-west-1', /stage "Prod" must be lower-case letters, digits and hyphens only: the S3 bucket names are built from it/],
    [
      `${LONGEST_STAGE}x`,
      LONGEST_REGION,
      /stage "s{19}x" makes the S3 bucket name feedpub-s{19}x-ap-southeast-1-content-<12-digit account id> 64 characters long, over S3.s 63: use a stage of at most 19 characters in ap-southeast-1/,
    ],
    ['s'.repeat(25), 'eu-west-1', /over S3.s 63: use a stage of at most 24 characters in eu-west-1/],
  ])(
    'refuses to package stage %s in %s, naming the stage and the rule',
    async (stage, region, message) => {
      expect(await packagingFailure([], { stage, region })).toMatch(message);
    },
    120_000,
  );
});

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('CloudFormation template with a custom domain (`--param="domainName=…" --param="certificateArn=…"`)', () => {
  let withDomain: Template;
  beforeAll(async () => {
    const dir = await packageCopy(['--param=domainName=feeds.example.org', `--param=certificateArn=${CERTIFICATE}`]);
    withDomain = await templateIn(dir, 'cloudformation-template-update-stack.json');
  }, 120_000);

  it('answers under that name with its ACM certificate, SNI only, TLS 1.2 (2021 ciphers) or newer', () => {
    expect(condition(withDomain, 'HasCustomDomain')).toBe(true);
    const distribution = withDomain.Resources.FeedsDistribution?.Properties?.DistributionConfig;
    const config = resolved(withDomain, distribution) as Json;
    expect(config.Aliases).toEqual(['feeds.example.org']);
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: CERTIFICATE, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    // Nothing else of the distribution changes.
    const without = resolved(update, props('FeedsDistribution').DistributionConfig) as Json;
    expect({ ...config, Aliases: undefined, ViewerCertificate: undefined }).toEqual({ ...without, Aliases: undefined, ViewerCertificate: undefined });
    expect(withDomain.Outputs?.FeedsCustomDomainName).toMatchObject({ Condition: 'HasCustomDomain', Value: 'feeds.example.org' });
  });

  it.each([
    [['--param=domainName=feeds.example.org'], /set both domainName and certificateArn/],
    [[`--param=certificateArn=${CERTIFICATE}`], /set both domainName and certificateArn/],
    [['--param=domainName=feeds.example.org', `--param=certificateArn=${CERTIFICATE.replace('us-east-1', 'eu-west-1')}`], /ACM certificate in us-east-1/],
    [['--param=domainName=https://feeds.example.org/', `--param=certificateArn=${CERTIFICATE}`], /lower-case host name/],
  ])(
    'refuses to package %j: a half-set or unusable custom domain fails before any deploy',
    async (extra, message) => {
      const failure = await packageCopy(extra).then(
        () => undefined,
        (error: unknown) => error as { stdout?: string; stderr?: string },
      );
      expect(failure).toBeDefined();
      expect(`${failure?.stdout ?? ''}${failure?.stderr ?? ''}`).toMatch(message);
    },
    120_000,
  );
});

/** A value with the template's conditions applied: each Fn::If replaced by its branch, AWS::NoValue properties left out. */
function resolved(template: Template, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => resolved(template, item)).filter((item) => item !== NO_VALUE);
  if (typeof value !== 'object' || value === null) return value;
  const node = value as Json;
  if ('Fn::If' in node) {
    const [name, yes, no] = node['Fn::If'] as [string, unknown, unknown];
    return resolved(template, condition(template, name) ? yes : no);
  }
  if (node.Ref === 'AWS::NoValue') return NO_VALUE;
  return Object.fromEntries(
    Object.entries(node)
      .map(([key, item]) => [key, resolved(template, item)] as const)
      .filter(([, item]) => item !== NO_VALUE),
  );
}
const NO_VALUE = Symbol('AWS::NoValue');

/** The viewer-request function of the template, run in a fresh V8 context as CloudFront would run it. */
function viewerFunction(): (event: unknown) => unknown {
  const context = createContext({});
  runInContext(String(props('FeedsViewerRequest').FunctionCode), context, { timeout: 1000 });
  return context.handler as (event: unknown) => unknown;
}

/** The URI the request goes on to the bucket with, or undefined when the function answers it (a redirect). */
function originUri(handler: (event: unknown) => unknown, uri: string): string | undefined {
  const request = { method: 'GET', uri, querystring: { 'list-type': { value: '2' } }, headers: {}, cookies: {} };
  const result = handler({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.7' }, request }) as {
    uri?: string;
    statusCode?: number;
  };
  return result.statusCode === undefined ? result.uri : undefined;
}

/** A template condition, for the intrinsic functions feedpub's conditions use (Fn::Not, Fn::Equals of strings). */
function condition(template: Template, name: string): boolean {
  const evaluate = (value: unknown): unknown => {
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    const node = value as Json;
    if ('Fn::Not' in node) return !evaluate((node['Fn::Not'] as unknown[])[0]);
    if ('Fn::Equals' in node) {
      const [a, b] = (node['Fn::Equals'] as unknown[]).map(evaluate);
      return a === b;
    }
    if ('Condition' in node) return condition(template, String(node.Condition));
    throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
  };
  const value = evaluate(template.Conditions?.[name]);
  if (typeof value !== 'boolean') throw new Error(`condition ${name} is not a boolean`);
  return value;
}

/** Pseudo parameters CloudFormation defines. */
const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** The Fn::GetAtt attributes of each resource type the template uses (from the CloudFormation reference). */
const GET_ATT: Readonly<Record<string, readonly string[]>> = {
  'AWS::CloudFront::Distribution': ['DomainName', 'Id'],
  'AWS::CloudFront::Function': ['FunctionARN', 'FunctionMetadata.FunctionARN', 'Stage'],
  'AWS::CloudFront::OriginAccessControl': ['Id'],
  'AWS::CloudWatch::Alarm': ['Arn'],
  'AWS::Events::Rule': ['Arn'],
  'AWS::IAM::Role': ['Arn', 'RoleId'],
  'AWS::Lambda::Function': ['Arn'],
  'AWS::S3::Bucket': ['Arn', 'DomainName', 'RegionalDomainName'],
  'AWS::SNS::Topic': ['TopicArn', 'TopicName'],
  'AWS::SQS::Queue': ['Arn', 'QueueName', 'QueueUrl'],
  'AWS::Scheduler::ScheduleGroup': ['Arn'],
};

interface Reference {
  readonly kind: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub';
  readonly name: string;
  readonly attribute?: string;
}

/** Every reference in a value, to anything: Ref, Fn::GetAtt, and ${Name} / ${Name.Attr} in Fn::Sub (not its own variables). */
function allReferences(value: unknown, found: Reference[] = []): Reference[] {
  if (Array.isArray(value)) for (const item of value) allReferences(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' && typeof item === 'string') found.push({ kind: 'Ref', name: item });
      else if (key === 'Fn::GetAtt') {
        const [name = '', ...attribute] = Array.isArray(item) ? item.map(String) : String(item).split('.');
        found.push({ kind: 'Fn::GetAtt', name, attribute: attribute.join('.') });
      } else if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(item) ? [String(item[0]), (item[1] ?? {}) as Json] : [String(item), {}];
        for (const match of text.matchAll(/\$\{(?!!)([^}]+)\}/g)) {
          const [name = '', ...attribute] = (match[1] ?? '').startsWith('AWS::') ? [match[1] ?? ''] : (match[1] ?? '').split('.');
          if (name in variables) continue;
          found.push({ kind: 'Fn::Sub', name, ...(attribute.length > 0 ? { attribute: attribute.join('.') } : {}) });
        }
        allReferences(variables, found);
      } else allReferences(item, found);
    }
  }
  return found;
}
