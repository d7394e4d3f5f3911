import { existsSync, type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { CONFIG_DIR, isConfigKey } from '../../config/config-keys.js';

/** A running watcher. */
export interface SiteWatcher {
  close(): void;
}

/** What to watch and what to call. */
export interface WatchSiteOptions {
  readonly siteDir: string;
  /** Content folder, site-relative with a trailing slash (`content/`): watched recursively. */
  readonly prefix: string;
  /** Called once per burst of changes, `debounceMs` after the last one. */
  readonly onChange: () => void;
  /** Quiet time before `onChange` (default 200 ms). */
  readonly debounceMs?: number;
  /** A watcher failed (the folder was removed, too many watches). */
  readonly onError?: (message: string) => void;
}

/**
 * Watches a site for edits: the config files at its root (not the rest of the root, which may hold
 * node_modules or an output folder) and the content folder, recursively (`fs.watch`), ignoring
 * hidden files and folders. Bursts of events (an editor's save, a git checkout) become one call.
 *
 * @example const watcher = watchSite({ siteDir: '.', prefix: 'content/', onChange: () => void cycle() });
 */
export function watchSite(options: WatchSiteOptions): SiteWatcher {
  const debounceMs = options.debounceMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      options.onChange();
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  const add = (dir: string, recursive: boolean, accept: (name: string) => boolean) => {
    try {
      const watcher = watch(dir, { recursive, persistent: true }, (_event, name) => {
        if (name === null || accept(name.split(path.sep).join('/'))) changed();
      });
      watcher.on('error', (error) => options.onError?.(`watching ${dir} failed: ${error.message}`));
      watchers.push(watcher);
    } catch (error) {
      options.onError?.(`cannot watch ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  add(options.siteDir, false, (name) => isConfigKey(name));
  const configDir = path.join(options.siteDir, ...CONFIG_DIR.split('/').filter(Boolean));
  if (existsSync(configDir)) add(configDir, false, (name) => isConfigKey(`${CONFIG_DIR}${name}`));
  add(path.join(options.siteDir, ...options.prefix.split('/').filter(Boolean)), true, (name) => !name.split('/').some((s) => s.startsWith('.')));
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
