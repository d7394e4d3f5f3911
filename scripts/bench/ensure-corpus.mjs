import { join, resolve } from 'node:path';
import { generateCorpus, generatorVersion, readStamp } from './generator/generate-corpus.mjs';

/**
 * The corpus of `size` articles under `<corpora>/<size>`, generated unless a complete corpus stamped by the
 * same generator version is already there. A stale or half-written corpus is replaced; a folder that is not
 * a corpus is left alone (generateCorpus refuses it).
 *
 * @param {string} repoRoot the folder `corpora` is relative to (the children's cwd)
 * @param {string} corpora folder of all corpora, relative to repoRoot or absolute (`bench/corpus`)
 * @param {number} size
 * @param {(line: string) => void} log
 * @returns {{ dir: string, bytes: number }} the corpus folder, relative to repoRoot when `corpora` is
 * @example
 * const { dir } = ensureCorpus(process.cwd(), 'bench/corpus', 1000, console.error); // → 'bench/corpus/1000'
 */
export function ensureCorpus(repoRoot, corpora, size, log) {
  const dir = join(corpora, String(size));
  const absolute = resolve(repoRoot, dir);
  const stamp = readStamp(absolute);
  const version = generatorVersion();
  if (stamp?.complete === true && stamp.generator === version && stamp.articles === size) {
    log(`corpus ${dir}: reused (generator ${version})`);
    return { dir, bytes: stamp.bytes };
  }
  log(`corpus ${dir}: generating ${size} articles (generator ${version})`);
  const fresh = generateCorpus(absolute, { articles: size });
  return { dir, bytes: fresh.bytes };
}
