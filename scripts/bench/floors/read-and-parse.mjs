#!/usr/bin/env node
/**
 * Floor (b): floor (a) plus parsing each file's front matter with gray-matter and js-yaml (the YAML
 * engine feedpub uses, with its core schema), configured as a safe parser must be (JS engines rejected,
 * options always passed so nothing is cached). Nothing else: no field checks, no dates, no Markdown.
 *
 *   node scripts/bench/floors/read-and-parse.mjs <site>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import jsyaml from 'js-yaml';
import { walkMarkdown } from '../walk-markdown.mjs';

const site = process.argv[2];
if (site === undefined) {
  console.error('usage: node scripts/bench/floors/read-and-parse.mjs <site>');
  process.exit(2);
}
const reject = () => {
  throw new Error('JavaScript front matter is not allowed');
};
const options = {
  engines: { yaml: (/** @type {string} */ text) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }), js: reject, javascript: reject },
};
let keys = 0;
let bodyCharacters = 0;
const files = walkMarkdown(join(site, 'content'));
for (const file of files) {
  const { data, content } = matter(readFileSync(file, 'utf8'), options);
  keys += Object.keys(data).length;
  bodyCharacters += content.length;
}
console.log(JSON.stringify({ files: files.length, keys, bodyCharacters }));
