/**
 * Golden outputs: the exact bytes of the sample feeds, as real files under
 * tests/fixtures/render/golden/<case>/. Rewrite them on purpose with `UPDATE_GOLDEN=1 npx vitest run
 * tests/unit/render/golden.test.ts` (or `npm run test:update`) and review the diff; delete by hand a file
 * the renderer no longer writes (each case checks that its folder holds exactly the files written).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderFeedFiles } from '../../../src/render/render-feed.js';
import { expectGolden } from '../../support/golden.js';
import { emptyInput, hostileInput, multilingualInput } from '../../support/sample-feed.js';

const GOLDEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/render/golden');

const CASES = { hostile: hostileInput, empty: emptyInput, multilingual: multilingualInput };

describe.each(Object.entries(CASES))('golden %s', (name, input) => {
  const { files } = renderFeedFiles(input());

  it.each(files.map((f) => [path.basename(f.path), f.body] as const))('%s matches the reviewed file', (file, body) => {
    expectGolden(path.join(GOLDEN, name, file), body);
  });

  // The cases above come from the renderer's output: a format it stops writing would just run fewer.
  it('writes exactly the files of its golden folder, one per format', () => {
    const written = files.map((f) => path.basename(f.path)).sort();
    expect(written).toEqual(readdirSync(path.join(GOLDEN, name)).sort());
  });
});
