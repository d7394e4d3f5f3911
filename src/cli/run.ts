import { main } from './main.js';

/** The CLI entry for bin/feedpub.js: an unexpected error prints one line and exits 3. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    process.stderr.write(`feedpub: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 3;
  }
}
