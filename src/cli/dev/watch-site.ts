import { type Dirent, existsSync, type FSWatcher, readdirSync, realpathSync, statSync, watch } from 'node:fs';
import path from 'node:path';
import { CONFIG_DIR, CONFIG_ENV_DIR, isConfigKey } from '../../config/config-keys.js';

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
 * node_modules or an output folder), those of Hugo's config folders at any depth (as Hugo reads them,
 * hidden folders too), and every folder of the content folder, ignoring hidden files and folders there. Bursts of events (an editor's save, a git checkout) become one call.
 *
 * Each folder has a watcher of its own, added as folders appear: Node 20's recursive `fs.watch` on
 * Linux watched each file, and lost a file once it was replaced (written beside it and renamed over it,
 * as many editors and git save), so later saves went unseen. A folder's watcher sees its files however
 * they are written.
 *
 * A folder of the content folder behind a link is watched as `build` and `upload` follow the link, as
 * Hugo does: when its real path is inside the site folder; at that path, once (a folder reached by two
 * links, or a link to a folder that holds it, is watched once); in the config folders too, as `build`
 * reads them (Hugo 0.111 follows no link to a folder there).
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
  const content = path.join(options.siteDir, ...options.prefix.split('/').filter(Boolean));
  /** The folders watched, by real path: a folder reached through a link is watched where it is. */
  const folders = new Map<string, FSWatcher>();
  const site = realPath(options.siteDir) ?? path.resolve(options.siteDir);
  const inSite = (real: string) => real === site || real.startsWith(site.endsWith(path.sep) ? site : site + path.sep);
  /** The site-relative key of a (real) path in the site folder. */
  const keyOf = (file: string): string => path.relative(site, file).split(path.sep).join('/');
  /**
   * Watches `at` and the folders below it not watched yet, at their real paths. `tree.hidden`: its hidden
   * files and folders count too; `tree.file`: whether an edit of that file (a real path) counts. A folder made, moved or removed always
   * does. `top`: the tree's own folder, watched wherever it is (upload names a content folder behind a link
   * out of the site).
   */
  const addTree = (at: string, tree: WatchedTree, top = false): void => {
    const dir = realPath(at) ?? at;
    if (folders.has(dir) || (!top && !inSite(dir))) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: true }, (event, name) => {
        if (name !== null && !tree.hidden && name.startsWith('.')) return;
        const child = name === null ? undefined : path.join(dir, name);
        if (child === undefined || folders.has(child) || tree.file(child)) changed();
        if (child === undefined || event !== 'rename') return;
        // Something came or went: a folder made, moved in or out, removed, or put back in place of a
        // removed one. Watch what is there now.
        dropTree(child);
        if (isFolder(child)) {
          addTree(child, tree);
          changed();
        }
      });
    } catch (error) {
      options.onError?.(`cannot watch ${dir}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    watcher.on('error', () => dropTree(dir)); // the folder is gone
    folders.set(dir, watcher);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // gone already: its parent's watcher reports that
    }
    for (const entry of entries) {
      if (!tree.hidden && entry.name.startsWith('.')) continue;
      const child = path.join(dir, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && isFolder(child))) addTree(child, tree);
    }
  };
  const dropTree = (dir: string): void => {
    for (const [folder, watcher] of folders) {
      if (folder === dir || folder.startsWith(`${dir}${path.sep}`)) {
        watcher.close();
        folders.delete(folder);
      }
    }
  };
  // Hugo reads the config folders whole, hidden folders too, and the config files at any depth there.
  for (const dir of [CONFIG_DIR, CONFIG_ENV_DIR]) {
    const configDir = path.join(options.siteDir, ...dir.split('/').filter(Boolean));
    if (existsSync(configDir)) addTree(configDir, { hidden: true, file: (file) => isConfigKey(keyOf(file)) }, true);
  }
  addTree(content, { hidden: false, file: () => true }, true);
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      for (const watcher of folders.values()) watcher.close();
      folders.clear();
    },
  };
}

/** What counts in a folder tree being watched (see `addTree`). */
interface WatchedTree {
  readonly hidden: boolean;
  readonly file: (file: string) => boolean;
}

/** The real path of `file` (links resolved), or undefined when there is none. */
function realPath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
