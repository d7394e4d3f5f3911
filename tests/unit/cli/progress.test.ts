import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/cli/progress.js';

describe('createProgress', () => {
  it('prints one plain line per step without a terminal (CI)', () => {
    const out: string[] = [];
    const progress = createProgress({ out: (l) => out.push(l) }, 'uploading', 2);
    progress.step('uploaded a.md (1 kB, new)', 1000);
    progress.step('deleted b.md', 0);
    progress.done();
    expect(out).toEqual(['uploaded a.md (1 kB, new)', 'deleted b.md']);
  });

  it('redraws a bar on a terminal at most every 80 ms, always the last frame, and clears it at the end', () => {
    const out: string[] = [];
    const frames: string[] = [];
    let now = 0;
    const progress = createProgress({ out: (l) => out.push(l), tty: { write: (t) => frames.push(t), columns: 80 } }, 'uploading', 4, () => now);
    progress.step('a', 1500);
    now = 10;
    progress.step('b', 1500);
    now = 100;
    progress.step('c', 0);
    now = 110;
    progress.step('d', 0);
    progress.done();
    expect(out).toEqual([]);
    expect(frames).toHaveLength(4);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line ends in the terminal's erase-line escape
    expect(frames[0]).toMatch(/^\r\[#{10}-{30}\] uploading 1\/4 files, 1\.5 kB\x1b\[K$/);
    expect(frames[1]).toMatch(/uploading 3\/4 files, 3\.0 kB/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line ends in the terminal's erase-line escape
    expect(frames[2]).toMatch(/^\r\[#{40}\] uploading 4\/4 files, 3\.0 kB\x1b\[K$/);
    expect(frames[3]).toBe('\r\x1b[K');
  });

  it('draws nothing and clears nothing when there is nothing to do', () => {
    const frames: string[] = [];
    const progress = createProgress({ out: () => {}, tty: { write: (t) => frames.push(t), columns: 80 } }, 'uploading', 0);
    progress.done();
    expect(frames).toEqual([]);
  });
});
