/**
 * Why a storage key is not a safe relative posix path, or undefined when it is: empty keys, NUL,
 * backslashes, absolute paths (`/x`, `C:x`), empty segments and `.`/`..` segments, each of which could
 * lead a store that joins keys onto a folder (FsStorage, s3rver's filesystem store) out of it.
 *
 * @example keyProblem('../content/draft.md') // '".." segment'
 */
export function keyProblem(key: string): string | undefined {
  if (key === '') return 'empty key';
  if (key.includes('\0')) return 'NUL in key';
  if (key.includes('\\')) return 'backslash in key';
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) return 'absolute key';
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty path segment';
    if (segment === '.' || segment === '..') return `"${segment}" segment`;
  }
  return undefined;
}
