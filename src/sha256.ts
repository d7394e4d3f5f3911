import { createHash } from 'node:crypto';

/**
 * sha256 of bytes (or a string's UTF-8), hex.
 *
 * @example sha256('') // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
