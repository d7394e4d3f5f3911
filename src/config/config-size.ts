import { ConfigError } from '../errors.js';

/**
 * Largest config file read: a site config is a few KiB. A larger file is refused before it is read
 * whole (an upload named hugo.toml can be anything). Apart from the parsers, so that a run that takes
 * its config from the manifest loads none of them.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * The error for a config file over {@link MAX_CONFIG_BYTES}.
 *
 * @example throw configTooLarge('hugo.toml');
 */
export function configTooLarge(file: string): ConfigError {
  return new ConfigError('(size)', 'config file larger than 1 MiB: a site config is a few KiB; check that this is the right file', file);
}
