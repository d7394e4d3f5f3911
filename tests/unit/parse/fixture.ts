import { readFileSync } from 'node:fs';
import { FrontMatterError, readFrontMatter } from '../../../src/parse/front-matter.js';

const dir = new URL('../../fixtures/front-matter/', import.meta.url);

/** Bytes of a front matter fixture (a fresh copy on every call). */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, dir)));
}

/** Text of a front matter fixture, exactly as stored (BOM and CRLF kept). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(name, dir), 'utf8');
}

/** The error readFrontMatter throws for `text` (fails the test when it does not throw one). */
export function frontMatterErrorOf(text: string): FrontMatterError {
  try {
    readFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError) return error;
    throw error;
  }
  throw new Error('expected a FrontMatterError');
}
