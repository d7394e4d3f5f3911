#!/usr/bin/env node
/**
 * Writes a deterministic benchmark corpus (a Hugo site) into a folder.
 *
 *   node scripts/bench/gen-corpus.mjs <dir> --articles N [--force]
 *
 * The same N always gives byte-identical files (seeded PRNG, no Math.random, no clock).
 */
import { parseArgs } from 'node:util';
import { generateCorpus } from './generator/generate-corpus.mjs';

const USAGE = 'usage: node scripts/bench/gen-corpus.mjs <dir> --articles N [--force]';

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      articles: { type: 'string', short: 'n' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [dir] = positionals;
  const articles = Number(values.articles);
  if (dir === undefined || positionals.length !== 1 || !Number.isInteger(articles) || articles < 1) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const stamp = generateCorpus(dir, { articles, force: values.force });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${dir}: ${stamp.articles} articles, ${(stamp.bytes / 1048576).toFixed(1)} MiB in ${seconds} s (generator ${stamp.generator})`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
