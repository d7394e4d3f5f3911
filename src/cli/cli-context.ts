/** Where the CLI writes, what it reads from its process, and how it is stopped; tests pass their own. */
export interface CliContext {
  /** One line to standard output (results, summaries). */
  readonly out: (line: string) => void;
  /** One line to standard error (problems, errors). */
  readonly err: (line: string) => void;
  /** The terminal behind standard error, when there is one: progress bars draw here. */
  readonly tty?: { readonly write: (text: string) => void; readonly columns: number };
  /** The environment (`AWS_REGION`, `AWS_ENDPOINT_URL_S3`, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Epoch milliseconds now: decides what is published. */
  readonly now: () => number;
  /** Stops long-running commands (`dev`); when absent they stop on SIGINT or SIGTERM. */
  readonly signal?: AbortSignal;
}

/**
 * The context of a real process: stdout, stderr (a TTY gets progress bars), `process.env`,
 * `Date.now`.
 *
 * @example await main(process.argv.slice(2), processContext());
 */
export function processContext(): CliContext {
  const stderr = process.stderr;
  for (const stream of [process.stdout, stderr]) ignoreClosedReader(stream);
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void stderr.write(`${line}\n`),
    ...(stderr.isTTY
      ? {
          tty: {
            write: (text: string) => void stderr.write(text),
            get columns() {
              return stderr.columns || 80;
            },
          },
        }
      : {}),
    env: process.env,
    now: Date.now,
  };
}

/**
 * A reader that goes away (`feedpub build | head -1`) must not stop the command half-way: its feeds
 * are still written, it only stops printing. Other errors of the stream are thrown as before.
 */
function ignoreClosedReader(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}
