import { ConfigError } from '../errors.js';
import { CONFIG_DIR, HUGO_CONFIG_FILES } from './config-keys.js';

/**
 * The files that make a site config, in one phrase for messages: Hugo's root files in Hugo's order, and
 * its configuration directory. feedpub.* files are not among them: they hold feedpub's options only.
 */
export const SITE_CONFIG_NAMES = `${HUGO_CONFIG_FILES.join(', ')} or ${CONFIG_DIR}hugo.toml`;

/**
 * No site config at all: none of {@link SITE_CONFIG_NAMES} (a feedpub.* file alone holds no baseURL).
 * `where` names the folder or bucket searched, once the caller knows it ({@link NoSiteConfigError.in});
 * the key is empty, as no key is wrong.
 *
 * @example throw new NoSiteConfigError({ feedpubFile: 'feedpub.toml' }).in('the folder ./site', 'or run with --base-url URL');
 */
export class NoSiteConfigError extends ConfigError {
  override readonly name: string = 'NoSiteConfigError';
  constructor(
    readonly found: { readonly feedpubFile?: string } = {},
    /** The folder or bucket searched, in words (`the folder /home/me/site`, `the content bucket s3://site`). */
    readonly where?: string,
    /** What else would do, after the files to add (`or run with --base-url URL`). */
    readonly alternative?: string,
  ) {
    super('', '');
    const only = found.feedpubFile ? ` (${found.feedpubFile} holds feedpub's options only, not baseURL)` : '';
    const place = where ? ` in ${where}` : '';
    this.message = `no site config found${place}${only}: add hugo.toml ${where ? 'there' : "at the site's root"} (or one of ${SITE_CONFIG_NAMES.replace(/^hugo\.toml, /, '')})${alternative ? `, ${alternative}` : ''}`;
  }

  /**
   * The same error naming where the config was looked for.
   *
   * @example error.in('the content bucket s3://site', 'then upload it with feedpub upload SITE_DIR --bucket site')
   */
  in(where: string, alternative?: string): NoSiteConfigError {
    return new NoSiteConfigError(this.found, where, alternative);
  }
}
