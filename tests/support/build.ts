import { FsStorage } from '../../src/adapters/fs-storage.js';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { type Clock, noopCdn, silentLogger, type Storage } from '../../src/ports.js';
import { type RebuildDeps, type RebuildOptions, type RebuildReport, rebuild } from '../../src/rebuild.js';

/**
 * The use case's dependencies for a run in memory: `source`, fresh MemoryStorage for `target` and `state`,
 * `noopCdn`, the clock (`now`: a fixed moment, or a clock of the test's own) and `silentLogger`. Any field
 * of `overrides` replaces its default: a test that looks at its target, state or CDN passes its own.
 */
export function memoryDeps(source: Storage, now: number | Clock, overrides: Partial<RebuildDeps> = {}): RebuildDeps {
  const clock = typeof now === 'number' ? () => now : now;
  return { source, target: new MemoryStorage(), state: new MemoryStorage(), cdn: noopCdn, clock, logger: silentLogger, ...overrides };
}

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
  const report = await rebuild(memoryDeps(typeof source === 'string' ? new FsStorage(source) : source, now, { target, state }), options);
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
