/**
 * gray-matter, called the only way feedpub calls it: always with options, which turns its global
 * cache off (gray-matter#131), and with engines that replace every default, so a `---js` block can
 * never reach gray-matter's `eval` engine (CVE-2022-25863). Dates are left to `parseDate`.
 */
import matter from 'gray-matter';
import { BlockError } from './block-error.js';
import { parseJsonBlock } from './parse-json-block.js';
import { parseTomlBlock } from './parse-toml-block.js';
import { parseYamlBlock } from './parse-yaml-block.js';

/** A gray-matter engine that refuses to parse (and so never executes) its block. */
function refuse(language: string): { parse: () => never } {
  return {
    parse: () => {
      throw new BlockError('front-matter-language', `front matter in ${language} is not supported (it would run code)`);
    },
  };
}

const engines = {
  yaml: { parse: parseYamlBlock },
  yml: { parse: parseYamlBlock },
  toml: { parse: parseTomlBlock },
  json: { parse: parseJsonBlock },
  js: refuse('js'),
  javascript: refuse('javascript'),
  coffee: refuse('coffee'),
  coffeescript: refuse('coffeescript'),
  cson: refuse('cson'),
};

interface Options {
  readonly language: 'yaml' | 'toml';
  readonly delimiters: string;
  readonly engines: typeof engines;
  /** A no-op: skips gray-matter's excerpt code, which reads `data.excerpt_separator`. */
  readonly excerpt: () => void;
}

const noExcerpt = (): void => {};

const OPTIONS: Readonly<Record<'yaml' | 'toml', Options>> = {
  yaml: { language: 'yaml', delimiters: '---', engines, excerpt: noExcerpt },
  toml: { language: 'toml', delimiters: '+++', engines, excerpt: noExcerpt },
};

// gray-matter's typings want engines that return `object`; ours return `unknown` and are checked after.
const grayMatter = matter as unknown as (input: string, options: Options) => { data: unknown };

/**
 * Parses `---` YAML or `+++` TOML front matter (opener, block and closer) with gray-matter and
 * feedpub's engines, returning gray-matter's `data` unchecked. Engines throw {@link BlockError}.
 *
 * @example
 * grayMatterData('---\ntitle: Hi\n---', 'yaml'); // { title: 'Hi' }
 * grayMatterData('---js\n{ title: run() }\n---', 'yaml'); // throws BlockError front-matter-language
 */
export function grayMatterData(source: string, format: 'yaml' | 'toml'): unknown {
  return grayMatter(source, OPTIONS[format]).data;
}
