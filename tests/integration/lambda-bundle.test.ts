import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, silentLogger } from '../../src/ports.js';
import { rebuild } from '../../src/rebuild.js';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { lambdaBuildOptions } from '../../scripts/lambda-build-options.mjs';
import { textFiles } from '../support/build.js';
import { bundleForTest } from '../support/bundle.js';
import { REPO_ROOT, SAMPLE_NOW } from '../support/repo.js';
import { sampleSource } from '../support/sample-source.js';

/** What the test imports from the bundle: the Lambda's own modules, bundled as the artifact is. */
interface LambdaBundle {
  rebuild: typeof rebuild;
  MemoryStorage: typeof MemoryStorage;
  CloudFrontClient: typeof CloudFrontClient;
  CreateInvalidationCommand: typeof CreateInvalidationCommand;
  createLambdaClients: (env: Record<string, string>) => {
    s3: { config: { credentials: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }> } };
  };
}

let bundle: LambdaBundle;
let remove: () => Promise<void>;

beforeAll(async () => {
  const built = await bundleForTest('lambda', [
    {
      ...lambdaBuildOptions(REPO_ROOT),
      stdin: {
        contents: [
          "export { rebuild } from './src/rebuild.ts';",
          "export { MemoryStorage } from './src/adapters/memory-storage.ts';",
          "export { createLambdaClients } from './functions/deps.ts';",
          "export { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';",
        ].join('\n'),
        resolveDir: REPO_ROOT,
        sourcefile: 'lambda-bundle-test.ts',
        loader: 'ts',
      },
      outfile: 'lambda.mjs',
      legalComments: 'none',
    },
  ]);
  remove = built.remove;
  bundle = (await import(pathToFileURL(path.join(built.dir, 'lambda.mjs')).href)) as LambdaBundle;
}, 60_000);

afterAll(() => remove());

describe('the Lambda bundle (scripts/lambda-build-options.mjs, with the modules it leaves out)', () => {
  it('builds the sample site (YAML, TOML and JSON front matter, Markdown, sanitizing) to the same bytes as the sources', async () => {
    const run = async (use: { rebuild: typeof rebuild; MemoryStorage: typeof MemoryStorage }) => {
      const target = new use.MemoryStorage();
      const report = await use.rebuild(
        { source: sampleSource(), target, state: new use.MemoryStorage(), cdn: noopCdn, clock: () => SAMPLE_NOW, logger: silentLogger },
        { trigger: 'test' },
      );
      return { report, files: textFiles(target) };
    };
    const bundled = await run(bundle);
    const sources = await run({ rebuild, MemoryStorage });
    expect(bundled.files.size).toBeGreaterThan(50);
    expect(bundled.files).toEqual(sources.files);
    expect(bundled.report).toEqual(sources.report);
  });

  it("takes the AWS credentials from the function's environment", async () => {
    const { s3 } = bundle.createLambdaClients({ AWS_REGION: 'eu-west-1', CONTENT_BUCKET: 'c', FEEDS_BUCKET: 'f' });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
    try {
      expect(await s3.config.credentials()).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
    } finally {
      for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it('gives a CloudFront error its code as name and its message, whether the bundle keeps its class or not (sdkSchemaKeys, dropErrorRegistrations)', async () => {
    // TooManyInvalidationsInProgress is one CreateInvalidation throws (its class kept); CNAMEAlreadyExists
    // is not (its registration left out): feedpub tells errors apart by name, so both must keep theirs.
    let code = '';
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(400, { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-1' });
      response.end(
        `<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${code} says no</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new bundle.CloudFrontClient({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        maxAttempts: 1,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      });
      const command = new bundle.CreateInvalidationCommand({
        DistributionId: 'E123',
        InvalidationBatch: { CallerReference: 'ref', Paths: { Quantity: 1, Items: ['/index.xml'] } },
      });
      for (const name of ['TooManyInvalidationsInProgress', 'CNAMEAlreadyExists']) {
        code = name;
        const error = await client.send(command).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error, name).toBeInstanceOf(Error);
        expect(error, name).toMatchObject({ name, message: `${name} says no`, $fault: 'client', $metadata: { httpStatusCode: 400 } });
      }
      client.destroy();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the Lambda's cold start (functions/publish.ts as scripts/bundle.mjs builds it)", () => {
  /** The bundled packages (and feedpub files) in the files a module loads statically, from esbuild's metafile. */
  interface Layout {
    readonly coldStart: ReadonlySet<string>;
    readonly onDemand: ReadonlySet<string>;
    /** The code the cold start compiles. */
    readonly coldText: string;
    /** All the code, chunks included. */
    readonly allText: string;
    /** What is bundled with the emoji aliases (markdown-it-emoji's data), in the chunk that holds them. */
    readonly withEmojiTable: ReadonlySet<string>;
  }
  let layout: Layout;

  beforeAll(async () => {
    const result = await build({
      ...lambdaBuildOptions(REPO_ROOT),
      entryPoints: [path.join(REPO_ROOT, 'functions/publish.ts')],
      outdir: path.join(REPO_ROOT, 'node_modules/.cache/feedpub-layout-test'),
      write: false,
      metafile: true,
      legalComments: 'none',
    });
    const outputs = result.metafile?.outputs ?? {};
    // Chunks reached by import() have an entryPoint too (their module): the entry is the handler's.
    const entry = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === 'functions/publish.ts') as string;
    const staticFiles = new Set<string>();
    const visit = (file: string): void => {
      if (staticFiles.has(file) || outputs[file] === undefined) return;
      staticFiles.add(file);
      for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(entry);
    const inputsOf = (files: readonly string[]): Set<string> =>
      new Set(files.flatMap((file) => Object.keys(outputs[file]?.inputs ?? {}).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input)));
    const texts = new Map((result.outputFiles ?? []).map((file) => [path.relative(REPO_ROOT, file.path), file.text]));
    const emojiChunk = Object.keys(outputs).filter((file) => Object.keys(outputs[file]?.inputs ?? {}).some((input) => input.includes('/markdown-it-emoji/')));
    layout = {
      withEmojiTable: inputsOf(emojiChunk),
      coldText: [...staticFiles].map((file) => texts.get(file) ?? '').join('\n'),
      allText: [...texts.values()].join('\n'),
      coldStart: inputsOf([...staticFiles]),
      onDemand: inputsOf(Object.keys(outputs).filter((file) => file.endsWith('.mjs') && !staticFiles.has(file))),
    };
  }, 60_000);

  it('compiles the S3 client, the planner and the serializers, and leaves the parsers, Markdown and the output checks for the first run that needs them', () => {
    for (const needed of ['@aws-sdk/client-s3', 'zod', 'src/rebuild.ts', 'src/manifest.ts', 'src/plan/plan-feeds.ts', 'src/render/render-feed.ts']) {
      expect(layout.coldStart, needed).toContain(needed);
    }
    const deferred = ['markdown-it', 'sanitize-html', 'htmlparser2', 'entities', 'gray-matter', 'js-yaml', 'smol-toml', 'saxes'];
    deferred.push('src/parse/parse-article.ts', 'src/config/config-files.ts', 'src/validate/validate-output.ts');
    deferred.push('@aws-sdk/client-cloudfront', '@aws-sdk/client-scheduler', 'markdown-it-emoji');
    for (const later of deferred) {
      expect(layout.coldStart, later).not.toContain(later);
      expect(layout.onDemand, later).toContain(later);
    }
  });

  it('keeps the emoji aliases in a chunk of their own, which only a site that sets enableEmoji loads', () => {
    expect([...layout.withEmojiTable].sort()).toEqual(['markdown-it-emoji', 'src/render/emoji-table.ts']);
  });

  it("keeps of the S3 client's schemas the operations feedpub calls, not the other ninety (scripts/lambda-build-options.mjs sdkSchemaKeys)", () => {
    for (const used of ['GetObjectRequest', 'PutObjectRequest', 'ListObjectsV2Output', 'DeleteObjectRequest'])
      expect(layout.coldText, used).toContain(`"${used}"`);
    for (const unused of ['PutBucketLifecycleConfigurationRequest', 'CreateMultipartUploadRequest', 'SelectObjectContentRequest']) {
      expect(layout.coldText, unused).not.toContain(unused);
    }
  });

  it('keeps of the error classes of the AWS clients those the commands feedpub sends can throw (scripts/lambda-build-options.mjs dropErrorRegistrations)', () => {
    for (const kept of ['TooManyInvalidationsInProgress', 'NoSuchDistribution', 'NoSuchKey', 'ResourceNotFoundException', 'ThrottlingException']) {
      expect(layout.allText, kept).toContain(`#${kept}"`);
    }
    for (const dropped of ['CNAMEAlreadyExists', 'TooManyDistributionCNAMEs', 'BucketAlreadyExists', 'NoSuchUpload']) {
      expect(layout.allText, dropped).not.toContain(`#${dropped}"`);
    }
  });
});
