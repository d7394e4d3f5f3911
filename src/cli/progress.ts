import type { CliContext } from './cli-context.js';
import { formatBytes } from './format.js';

/** Reports the files of a long operation as they complete. */
export interface Progress {
  /** One file done: `line` is what a log (CI) shows for it. */
  step(line: string, bytes: number): void;
  /** Clears the bar (on a terminal); call once at the end. */
  done(): void;
}

/** Redraws at most this often (ms). */
const FRAME_MS = 80;

/**
 * A progress bar on a terminal (`\r`-redrawn on stderr, at most every 80 ms, cleared at the end),
 * plain lines on standard output otherwise (CI logs), or nothing when `total` is 0.
 *
 * @example
 * const progress = createProgress(ctx, 'uploading', files.length, now);
 * progress.step('uploaded content/a.md (1.2 kB)', 1234);
 * progress.done();
 */
export function createProgress(ctx: Pick<CliContext, 'out' | 'tty'>, label: string, total: number, clock: () => number = Date.now): Progress {
  const { tty } = ctx;
  if (!tty) return { step: (line) => ctx.out(line), done() {} };
  let count = 0;
  let bytes = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  const draw = () => {
    const text = `${label} ${count}/${total} files, ${formatBytes(bytes)}`;
    const width = Math.max(10, Math.min(40, tty.columns - text.length - 10));
    const filled = total === 0 ? width : Math.round((count / total) * width);
    tty.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\x1b[K`);
    drawn = true;
  };
  return {
    step(_line, size) {
      count++;
      bytes += size;
      const now = clock();
      if (now - drawnAt >= FRAME_MS || count === total) {
        drawnAt = now;
        draw();
      }
    },
    done() {
      if (drawn) tty.write('\r\x1b[K');
    },
  };
}
