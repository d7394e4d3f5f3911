/**
 * Helpers of the content tests: fixtures under tests/fixtures/markdown/, golden files rewritten only with
 * UPDATE_GOLDEN=1, and a strict reader of the HTML the renderer writes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeHTML } from 'entities';
import { expect } from 'vitest';
import { expectGolden as expectGoldenFile } from '../../support/golden.js';

const DIR = fileURLToPath(new URL('../../fixtures/markdown/', import.meta.url));

/** A nested page URL, as Hugo gives a multilingual site's article. */
export const PAGE_URL = 'https://example.com/zh-cn/news/qq/20250210a05md2/';

export function readMarkdownFixture(name: string): string {
  return readFileSync(DIR + name, 'utf8');
}

/**
 * Compares with the golden file `name`, or rewrites it with UPDATE_GOLDEN=1 (no other value): the rule of
 * every golden file, so a missing one fails too.
 */
export function expectGolden(name: string, actual: string): void {
  expectGoldenFile(DIR + name, actual);
}

export interface Tag {
  readonly name: string;
  readonly closing: boolean;
  /** Attribute name (lower case) → decoded value ('' for a boolean attribute). */
  readonly attributes: ReadonlyMap<string, string>;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'<>/=]+(?:="[^"<>]*")?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s"'<>/=]+)(?:="([^"]*)")?/g;

/**
 * Every tag of `html`. Fails the test when some `<` does not start a well-formed tag with double-quoted
 * attributes: then nothing can hide from the checks made on the tags.
 */
export function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of html.matchAll(TAG)) {
    const attributes = new Map<string, string>();
    for (const a of (m[3] ?? '').matchAll(ATTRIBUTE)) {
      attributes.set((a[1] ?? '').toLowerCase(), decodeHTML(a[2] ?? ''));
    }
    tags.push({ name: (m[2] ?? '').toLowerCase(), closing: m[1] === '/', attributes });
  }
  const opens = html.split('<').length - 1;
  expect(tags.length, `every "<" starts a tag in ${JSON.stringify(html)}`).toBe(opens);
  return tags;
}

/** True when every code point is an XML 1.0 `Char` (§2.2), checked code point by code point. */
export function isXmlValid(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
      continue;
    }
    const ok = c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
    if (!ok) return false;
  }
  return true;
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'action', 'formaction', 'data', 'background']);
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const MEDIA_PROTOCOLS = new Set(['http:', 'https:']);
/** What a browser ignores before or inside a scheme. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a browser ignores
const IGNORED = /[\u0000-\u0020\u007f]/g;
const SCRIPT_SCHEME = /^(?:javascript|vbscript|data|livescript|mocha):/i;

/**
 * Problems that would let the HTML run script or load from a bad scheme: script-like elements, event
 * handler or style attributes, and URL attributes that are not absolute http(s) (or mailto/tel links).
 * Empty when the HTML is safe.
 */
/** Attributes that hold prose shown to the reader, never a URL. */
const FREE_TEXT_ATTRIBUTES: ReadonlySet<string> = new Set(['title', 'alt']);

export function safetyProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<\s*\/?\s*script/i.test(html)) problems.push('contains <script');
  for (const tag of tagsOf(html)) {
    if (
      [
        'script',
        'style',
        'iframe',
        'object',
        'embed',
        'form',
        'input',
        'button',
        'textarea',
        'select',
        'link',
        'meta',
        'base',
        'svg',
        'math',
        'frame',
        'frameset',
        'applet',
        'template',
        'noscript',
      ].includes(tag.name)
    ) {
      problems.push(`<${tag.name}>`);
    }
    for (const [name, value] of tag.attributes) {
      if (name.startsWith('on')) problems.push(`${tag.name}[${name}]`);
      if (name === 'style' || name === 'srcdoc' || name.includes(':')) problems.push(`${tag.name}[${name}]`);
      // Free-text attributes may say "javascript:" as words (a tooltip); every other one must not.
      if (!FREE_TEXT_ATTRIBUTES.has(name) && SCRIPT_SCHEME.test(value.replace(IGNORED, ''))) problems.push(`${tag.name}[${name}]=${value}`);
      const candidates = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : URL_ATTRIBUTES.has(name) ? [value] : [];
      const allowed = name === 'href' || name === 'cite' ? LINK_PROTOCOLS : MEDIA_PROTOCOLS;
      for (const url of candidates) {
        if (!URL.canParse(url) || !allowed.has(new URL(url).protocol)) problems.push(`${tag.name}[${name}]=${url}`);
      }
    }
  }
  return problems;
}
