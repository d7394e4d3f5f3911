import type { Logger } from '../ports.js';

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Receives each line, without the newline (default: process.stdout). */
  readonly write?: (line: string) => void;
  /** Fields added to every line (`{ service: 'feedpub' }`). */
  readonly base?: Readonly<Record<string, unknown>>;
}

/**
 * A {@link Logger} writing one JSON object per line: `{"level":"info","message":"...", ...fields}`.
 * `level` and `message` always win over fields of the same name; `Error`s (with their `cause`) are
 * written as `{ name, message, cause }`, bigints as strings, and cycles (and any object met twice)
 * as `"[Circular]"`, so a line is always valid JSON.
 *
 * @example
 * const logger = createJsonLogger({ base: { service: 'feedpub' } });
 * logger.info('rebuilt', { written: 3 }); // {"level":"info","message":"rebuilt","service":"feedpub","written":3}
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const base = options.base ?? {};
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    write(safeStringify({ ...base, ...fields, level, message }));
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

function safeStringify(value: Record<string, unknown>): string {
  // Reorder so that level and message come first on the line.
  const { level, message, ...rest } = value;
  const seen = new WeakSet<object>();
  return JSON.stringify({ level, message, ...rest }, (_key, item: unknown) => {
    if (typeof item === 'bigint') return item.toString();
    if (item instanceof Error) {
      const { name, message: text, cause } = item;
      return cause === undefined ? { name, message: text } : { name, message: text, cause };
    }
    if (typeof item === 'object' && item !== null) {
      if (seen.has(item)) return '[Circular]';
      seen.add(item);
    }
    return item;
  });
}
