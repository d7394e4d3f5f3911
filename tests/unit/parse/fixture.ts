import { readFileSync } from 'node:fs';

const dir = new URL('../../fixtures/front-matter/', import.meta.url);

/** Bytes of a front matter fixture (a fresh copy on every call). */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, dir)));
}

/** Text of a front matter fixture, exactly as stored (BOM and CRLF kept). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(name, dir), 'utf8');
}
