#!/usr/bin/env node
// The CLI is bundled into dist/ (`npm run build`; a packed release ships it). A checkout or a git
// install that skipped the build has no dist/: say so in one line (exit 2, a setup mistake) instead
// of a stack trace. Any other missing module (a chunk, a dependency) is a real fault and is thrown.
const cliUrl = new URL('../dist/cli.mjs', import.meta.url).href;
let cli;
try {
  cli = await import(cliUrl);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || error.url !== cliUrl) throw error;
  process.stderr.write('feedpub: dist/ is missing; run npm run build (or install a packed release)\n');
  process.exit(2);
}
process.exitCode = await cli.run(process.argv.slice(2));
