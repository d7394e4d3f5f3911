import { main } from './main.js';

/**
 * The CLI entry for bin/feedpub.js. Silences the AWS SDK's Node-version notice (feedpub supports
 * Node 20; the notice would be printed on every command); an error that escapes `main` prints one
 * line and gives exit code 3.
 *
 * @example process.exitCode = await run(process.argv.slice(2));
 */
export async function run(argv: readonly string[]): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    return await main(argv);
  } catch (error) {
    process.stderr.write(`feedpub: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.FEEDPUB_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 3;
  }
}
