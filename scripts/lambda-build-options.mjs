import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Leaves out of the bundle what feedpub's own use of a package never reaches (each is a whole module
 * that a CommonJS `require` keeps in, where tree-shaking cannot see it is unused):
 * - gray-matter's default engines (js-yaml 3 and an `eval`-based JavaScript engine): feedpub passes an
 *   engine for every language (src/parse/gray-matter-data.ts), so the defaults are never looked up.
 * - postcss in sanitize-html: it only parses `style` attributes when `allowedStyles` is set, and
 *   feedpub drops style attributes instead (src/render/article-html.ts).
 * - htmlparser2's DOM builder, DOM utilities and serializer in sanitize-html and feedpub: both use only `Parser`.
 * - The AWS SDK's default credential chain (shared config files, SSO, STS web identity, instance
 *   metadata, with the STS and SSO clients they need): on Lambda the function's role credentials are
 *   always in its environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the
 *   bundle reads them from there only.
 * - bowser, the browser user-agent parser that the AWS SDK's browser code loads with `import()`: never
 *   on Node, but a dynamic import is kept as a chunk of its own.
 * One package is shared instead of bundled twice: markdown-it 14 asks for entities 4 (77 KB minified)
 * for `decodeHTML` and `decodeHTMLStrict` only, which the entities 7 that feedpub and htmlparser2 share
 * has with the same results (every named reference entities knows, with and without `;`, and numeric
 * edge cases: no difference). feedpub depends on entities 7, not the newer 9, for that: htmlparser2 10
 * (in sanitize-html) needs 7, whose decoder API 8 and 9 changed, and one copy is 30 KB less to load.
 * The stubs throw if they are ever reached, so a change in how the packages are used fails loudly (the
 * bundled Lambda is built and run on the sample site by tests/integration/lambda-bundle.test.ts).
 * The CLI bundle (scripts/build.mjs) uses the same stubs but the credential one: on a workstation or in
 * CI, credentials come from anywhere the SDK's default chain looks.
 * @param {string} root the repository root
 * @param {{ credentialsFromEnvOnly?: boolean }} [options] stub the default credential chain (Lambda only)
 * @returns {import('esbuild').Plugin}
 */
export function unreachedModules(root, { credentialsFromEnvOnly = true } = {}) {
  const stub = (what) => `const reached = () => { throw new Error(${JSON.stringify(`${what} is not in the Lambda bundle`)}); };`;
  return {
    name: 'unreached-modules',
    setup(build) {
      build.onLoad({ filter: /[\\/]gray-matter[\\/]lib[\\/]engines\.js$/ }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      // resolved from the repository root: the copy feedpub and htmlparser2 share
      build.onResolve({ filter: /^entities$/ }, async (args) =>
        /[\\/]markdown-it[\\/]/.test(args.importer) ? await build.resolve('entities', { kind: args.kind, resolveDir: root }) : undefined,
      );
      build.onResolve({ filter: /^postcss$/ }, (args) =>
        /[\\/]sanitize-html[\\/]/.test(args.importer) ? { path: 'postcss', namespace: 'feedpub-stub' } : undefined,
      );
      build.onResolve({ filter: /^htmlparser2$/ }, (args) =>
        // sanitize-html's and feedpub's own (src/render/lazy-images.ts): both use only `Parser`.
        /[\\/](sanitize-html|src[\\/]render)[\\/]/.test(args.importer) ? { path: 'htmlparser2-parser', namespace: 'feedpub-stub' } : undefined,
      );
      build.onResolve({ filter: /^bowser$/ }, () => ({ path: 'bowser', namespace: 'feedpub-stub' }));
      build.onLoad({ filter: /^bowser$/, namespace: 'feedpub-stub' }, () => ({
        contents: `${stub('bowser (browser user agents)')}\nexport const parse = reached;\nexport default { parse: reached };`,
        loader: 'js',
      }));
      if (credentialsFromEnvOnly) {
        build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path: 'credential-provider-node', namespace: 'feedpub-stub' }));
      }
      build.onLoad({ filter: /^credential-provider-node$/, namespace: 'feedpub-stub' }, () => ({
        contents: 'import { fromEnv } from "@aws-sdk/credential-provider-env";\nexport const defaultProvider = (init) => fromEnv(init);',
        loader: 'js',
        resolveDir: root,
      }));
      build.onLoad({ filter: /^postcss$/, namespace: 'feedpub-stub' }, () => ({
        contents: `${stub('postcss (style attribute parsing)')}\nmodule.exports = { parse: reached };`,
        loader: 'js',
      }));
      build.onLoad({ filter: /^htmlparser2-parser$/, namespace: 'feedpub-stub' }, () => ({
        // The package exports only its index: import the Parser module by its file path.
        contents: `export { Parser } from ${JSON.stringify(path.join(root, 'node_modules/htmlparser2/dist/esm/Parser.js'))};`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

/**
 * Lets esbuild drop the AWS SDK schemas feedpub never uses. Each client's `dist-es/schemas/schemas_0.js`
 * describes every operation and shape of the service (S3's: 138 KB) as arrays with object literals
 * whose keys are computed from module constants (`{ [_hH]: _xarc }`, `const _hH = "httpHeader"`).
 * esbuild treats a computed key as a possible side effect, so it keeps every schema of a file it bundles
 * (esbuild issue 4373, aws-sdk-js-v3 issue 7607; both open). This rewrites a computed key that names a
 * string constant of the same file into that string (`{ "httpHeader": _xarc }`): the same object, and
 * the schemas of operations feedpub never calls are tree-shaken. Keys of any other form are left as
 * they are. S3's schemas in the bundle went from 65 KB to 12 KB, CloudFront's from 135 KB to 70 KB, and
 * the cold import by a fifth. `tests/integration/lambda-bundle.test.ts` checks that unused schemas are
 * gone; `handler-s3.test.ts` runs the bundled handler against an S3 server. The CLI bundle uses it too.
 * @returns {import('esbuild').Plugin}
 */
export function sdkSchemaKeys(root) {
  /** @type {Promise<Map<string, Set<string>>> | undefined} */
  let thrown;
  return {
    name: 'sdk-schema-keys',
    setup(build) {
      build.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
        thrown ??= errorsThrown(root);
        const client = /[\\/]@aws-sdk[\\/](client-[^\\/]+)[\\/]/.exec(args.path)?.[1] ?? '';
        const errors = (await thrown).get(client);
        const source = dropErrorRegistrations(await readFile(args.path, 'utf8'), errors);
        /** @type {Map<string, string>} */
        const strings = new Map();
        for (const [, name, literal] of source.matchAll(/^const ([A-Za-z_$][\w$]*) = ("(?:[^"\\\n]|\\.)*");$/gm)) strings.set(name, literal);
        const contents = source.replace(/([{,]\s*)\[([A-Za-z_$][\w$]*)\]:/g, (whole, before, name) => {
          const literal = strings.get(name);
          return literal === undefined ? whole : `${before}${literal}:`;
        });
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * The errors each AWS client's commands that feedpub sends can throw: the commands are read from the
 * `import { …Command } from '@aws-sdk/client-…'` lines of src/ and functions/, their errors from the
 * `@throws` lines of the commands' type declarations (the service model's list).
 * @param {string} root the repository root
 * @returns {Promise<Map<string, Set<string>>>} client package (`client-s3`) → error names
 */
async function errorsThrown(root) {
  /** @type {Map<string, Set<string>>} */
  const commands = new Map();
  for (const folder of ['src', 'functions']) {
    for (const entry of await readdir(path.join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      const source = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
      for (const [, names, client] of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[\w-]+)'/g)) {
        for (const [, command] of names.matchAll(/(?:^|[\s,])(\w+Command)\b/g)) {
          const set = commands.get(client) ?? new Set();
          commands.set(client, set.add(command));
        }
      }
    }
  }
  /** @type {Map<string, Set<string>>} */
  const errors = new Map();
  for (const [client, names] of commands) {
    const set = new Set();
    for (const command of names) {
      const declaration = await readFile(path.join(root, 'node_modules/@aws-sdk', client, 'dist-types/commands', `${command}.d.ts`), 'utf8');
      for (const [, error] of declaration.matchAll(/@throws \{@link (\w+)\}/g)) set.add(error);
    }
    errors.set(client, set);
  }
  return errors;
}

/**
 * Leaves out a client's `registry.registerError(Name$, Name)` lines for the errors no command feedpub
 * sends can throw (all but its base `…ServiceException` when `errors` is given): the error classes and
 * their schemas are then tree-shaken (CloudFront registers 152, 45 KB of classes, of which its two
 * invalidation commands throw 8). An error the registry does not know still reaches feedpub with its
 * code as `name` and its message, in an instance of the client's base exception (`@aws-sdk/core`
 * `getErrorSchemaOrThrowBaseException`), and feedpub tells errors apart by `name` only.
 * @param {string} source a client's schemas file
 * @param {ReadonlySet<string> | undefined} errors the errors to keep registered; undefined keeps all
 * @returns {string}
 */
export function dropErrorRegistrations(source, errors) {
  if (errors === undefined) return source;
  return source.replace(/^[\w$]+\.registerError\(([\w$]+)\$, \1\);\n/gm, (line, name) => (name.endsWith('ServiceException') || errors.has(name) ? line : ''));
}

/**
 * How the Lambda's code is bundled: shared by `scripts/bundle.mjs` (the artifact) and the benchmark
 * (`scripts/bench/s3/build-lambda-lib.mjs`), so the bench measures exactly the code the Lambda runs.
 * Everything is bundled (the AWS SDK included, so the artifact is pinned), minified, for Node 24 (the Lambda runtime, serverless.yml).
 * Code split: what the code loads with `import()` goes to files under `chunks/` that the cold start
 * does not compile: the CloudFront and EventBridge Scheduler adapters and clients (`functions/deps.ts`),
 * the parsers, Markdown and sanitizer behind `src/deferred-compute.ts`, the output checks
 * (`src/validate/load-validation.ts`) and the config parsers (`readSite` in `src/rebuild/sources.ts`). So builds
 * take an `outdir` (not an `outfile`), and the entry is `<entry name>.mjs` there.
 *
 * @param {string} root the repository root
 * @returns {import('esbuild').BuildOptions}
 * @example await build({ ...lambdaBuildOptions(root), entryPoints: ['functions/publish.ts'], outdir: 'dist/lambda' })
 */
export function lambdaBuildOptions(root) {
  return {
    plugins: [unreachedModules(root), sdkSchemaKeys(root)],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    // Prefer the ES module builds of dependencies: they tree-shake (the AWS SDK ships both).
    mainFields: ['module', 'main'],
    minify: true,
    // Non-ASCII characters as UTF-8, not escaped (an emoji as `\uD83D\uDE00` is 12 bytes, 4 in UTF-8): the
    // emoji aliases and the CJK and other scripts' tables take half the space (Node reads .mjs as UTF-8).
    charset: 'utf8',
    treeShaking: true,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: false,
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {
      js: ["import { createRequire as __feedpubCreateRequire } from 'node:module';", 'const require = __feedpubCreateRequire(import.meta.url);'].join(''),
    },
  };
}
