#!/usr/bin/env node
/**
 * Floor (a): walk `<site>/content` and read every .md file as UTF-8 text. No build can be faster than this.
 *
 *   node scripts/bench/floors/read-all.mjs <site>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkMarkdown } from '../walk-markdown.mjs';

const site = process.argv[2];
if (site === undefined) {
  console.error('usage: node scripts/bench/floors/read-all.mjs <site>');
  process.exit(2);
}
let characters = 0;
const files = walkMarkdown(join(site, 'content'));
for (const file of files) characters += readFileSync(file, 'utf8').length;
console.log(JSON.stringify({ files: files.length, characters }));
