import { FsStorage } from '../../src/adapters/fs-storage.js';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, silentLogger, type Storage } from '../../src/ports.js';
import { type RebuildOptions, type RebuildReport, rebuild } from '../../src/rebuild.js';

/** The result of building a site into memory. */
export interface MemoryBuild {
  readonly report: RebuildReport;
  readonly target: MemoryStorage;
  readonly state: MemoryStorage;
  /** Published text files by path. */
  readonly files: Map<string, string>;
}

/** Builds `source` (a folder path or any Storage) into fresh memory storage at a fixed clock. */
export async function buildToMemory(source: string | Storage, now: number, options: RebuildOptions = {}): Promise<MemoryBuild> {
  const target = new MemoryStorage();
  const state = new MemoryStorage();
  const report = await rebuild(
    { source: typeof source === 'string' ? new FsStorage(source) : source, target, state, cdn: noopCdn, clock: () => now, logger: silentLogger },
    options,
  );
  return { report, target, state, files: textFiles(target) };
}

/** Every object of a MemoryStorage as UTF-8 text, by key, sorted. */
export function textFiles(storage: MemoryStorage): Map<string, string> {
  const decoder = new TextDecoder();
  return new Map([...storage.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, object]) => [key, decoder.decode(object.body)]));
}

/** A clean build of whatever `source` holds now (a copy of it, at `now`): what every incremental run must converge to. */
export async function cleanBuildOf(source: MemoryStorage, now: number): Promise<Map<string, string>> {
  const copy = new MemoryStorage([...source.snapshot()].map(([key, object]) => [key, object.body] as const));
  return (await buildToMemory(copy, now)).files;
}
