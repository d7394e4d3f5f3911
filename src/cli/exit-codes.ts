/**
 * The CLI's exit codes (documented in docs/cli.md): 0 done; 1 content rejected; 2 usage or config
 * error (a flag, the site config); 3 infrastructure failure (storage, network, credentials, the
 * deployed function, local files or folders that cannot be read or written).
 *
 * @example process.exitCode = EXIT.usage;
 */
export const EXIT = { ok: 0, rejected: 1, usage: 2, failure: 3 } as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
