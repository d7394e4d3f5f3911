import { describe, expect, it } from 'vitest';
import { describeStep } from '../../../src/cli/commands/upload-command.js';

/**
 * `upload` (CI logs, --dry-run) and `dev` print one line per file sent or deleted, naming its key: a key is
 * a file's name from the site (or, for a deletion, from the bucket), as untrusted as the names problem
 * lines quote, which write control, bidi and line-separator characters as \u escapes (src/cli/format.ts).
 */
describe('describeStep', () => {
  it('writes a file name with terminal escapes, bidi overrides and line breaks as one plain line', () => {
    const key = 'config/_default/sub/\u001b]0;owned\u0007\u001b[2J\u202ex\u2028.toml';
    const lines = [
      describeStep({ action: 'upload', key, size: 4, reason: 'new' }, false),
      describeStep({ action: 'upload', key, size: 4, reason: 'new' }, true),
      describeStep({ action: 'delete', key }, false),
    ];
    for (const line of lines) expect(line).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e]/u);
    expect(lines[0]).toBe('uploaded config/_default/sub/\\u001b]0;owned\\u0007\\u001b[2J\\u202ex\\u2028.toml (4 B, new)');
  });

  it('keeps an ordinary name, CJK and spaces included, as it is', () => {
    expect(describeStep({ action: 'delete', key: 'content/zh-CN/news/qq/新闻 一.md' }, true)).toBe('would delete content/zh-CN/news/qq/新闻 一.md');
  });
});
