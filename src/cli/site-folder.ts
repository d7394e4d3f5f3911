import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * The site folder argument, resolved, or a UsageError when it is not a folder.
 *
 * @example await siteFolder('check', '.'); // '/home/me/site'
 */
export async function siteFolder(command: string, dir: string): Promise<string> {
  const resolved = path.resolve(dir);
  const stats = await stat(resolved).catch(() => undefined);
  if (!stats?.isDirectory()) throw new UsageError(`site folder ${dir} does not exist or is not a folder`, command);
  return resolved;
}
