import type { Token } from 'markdown-it';

/**
 * An image's description as plain text, its `alt`: the text of its tokens with entities and backslash
 * escapes read (`AT&amp;T` is `AT&T`, `\*` is `*`), a code span's text and a nested image's description;
 * raw HTML tags and line breaks are left out, as goldmark leaves them (`![a <b>b</b>](x.png)` is `a b`,
 * `![a\nb](x.png)` is `ab`, as in Hugo 0.111's page). markdown-it's
 * `renderInlineAsText` lost the first three (its `text_join` rule makes entities and escapes text in a
 * paragraph's tokens, not in an image's) and kept tags as text.
 *
 * @example altText(md.parseInline('![AT&amp;T `x`](a.png)', {})[0].children[0].children) // 'AT&T x'
 */
export function altText(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'text_special' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'image') text += altText(token.children ?? []);
    // A line break, soft or hard, is nothing: goldmark writes each line's text without it (`a\nb` is `ab`).
  }
  return text;
}
