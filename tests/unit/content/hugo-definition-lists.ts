/**
 * Definition lists whose term spans lines, and the lists around them, as Hugo 0.111.3's goldmark renders
 * them (`{{ .Content }}` of a page holding the Markdown alone, default settings; headings without their ids): recorded, so the unit tests
 * compare with Hugo without it; tests/integration/hugo-compat.test.ts checks that Hugo still gives these
 * answers, and feedpub the same, where Hugo is installed.
 *
 * goldmark makes each line of the paragraph before a `: ` definition a term of its own, trimmed (a hard
 * break's spaces and all), in a list, a quote or a definition list already open; a line that only continues a
 * list item or a quote lazily stays text there.
 */
export const HUGO_DEFINITION_LISTS: readonly (readonly [markdown: string, html: string])[] = [
  ['Term A\nTerm B\n: Shared definition.', '<dl>\n<dt>Term A</dt>\n<dt>Term B</dt>\n<dd>Shared definition.</dd>\n</dl>'],
  [
    'Term C\nTerm D\nTerm E\n\n: Definition after a blank line.',
    '<dl>\n<dt>Term C</dt>\n<dt>Term D</dt>\n<dt>Term E</dt>\n<dd>\n<p>Definition after a blank line.</p>\n</dd>\n</dl>',
  ],
  ['Term *F*\n   lazy G\n: Definition.', '<dl>\n<dt>Term <em>F</em></dt>\n<dt>lazy G</dt>\n<dd>Definition.</dd>\n</dl>'],
  ['An intro paragraph\nthat wraps\n: Definition.', '<dl>\n<dt>An intro paragraph</dt>\n<dt>that wraps</dt>\n<dd>Definition.</dd>\n</dl>'],
  ['- Item A\n  Item B\n  : Definition.', '<ul>\n<li>\n<dl>\n<dt>Item A</dt>\n<dt>Item B</dt>\n<dd>Definition.</dd>\n</dl>\n</li>\n</ul>'],
  ['> Quote A\n>   Quote B\n> : Definition.', '<blockquote>\n<dl>\n<dt>Quote A</dt>\n<dt>Quote B</dt>\n<dd>Definition.</dd>\n</dl>\n</blockquote>'],
  [
    'Term H\n: Definition H1\n: Definition H2\n\nTerm I\nTerm J\n: Definition I\n\nTerm K\n: Definition K',
    '<dl>\n<dt>Term H</dt>\n<dd>Definition H1</dd>\n<dd>Definition H2</dd>\n<dt>Term I</dt>\n<dt>Term J</dt>\n<dd>Definition I</dd>\n<dt>Term K</dt>\n<dd>Definition K</dd>\n</dl>',
  ],
  [
    'Term N  \nTerm O\n: Hard break.\n\nTerm P\\\nTerm Q\n: Backslash.',
    '<dl>\n<dt>Term N</dt>\n<dt>Term O</dt>\n<dd>Hard break.</dd>\n<dt>Term P\\</dt>\n<dt>Term Q</dt>\n<dd>Backslash.</dd>\n</dl>',
  ],
  ['- item\nTerm L\n: Lazy in a list.', '<ul>\n<li>item\nTerm L\n: Lazy in a list.</li>\n</ul>'],
  ['> quote\nTerm M\n: Lazy in a quote.', '<blockquote>\n<p>quote\nTerm M\n: Lazy in a quote.</p>\n</blockquote>'],
  ['Term T\n: Definition T.\nTerm U\n: Definition U.', '<dl>\n<dt>Term T</dt>\n<dd>Definition T.\nTerm U</dd>\n<dd>Definition U.</dd>\n</dl>'],
  // Only `:` and a space or a tab at the paragraph's own indentation starts a definition: an indented one,
  // `~` and a `:` that ends its line are the paragraph's text, and so are they after a definition.
  ['Term\n : def', '<p>Term\n: def</p>'],
  ['Term\n  : def', '<p>Term\n: def</p>'],
  [' Term\n : def', '<p>Term\n: def</p>'],
  ['  Term A\n  Term B\n  : def', '<p>Term A\nTerm B\n: def</p>'],
  ['Term A\nTerm B\n : def', '<p>Term A\nTerm B\n: def</p>'],
  ['a\n:', '<p>a\n:</p>'],
  ['a\nb\n:\nc', '<p>a\nb\n:\nc</p>'],
  ['Term\n~ def', '<p>Term\n~ def</p>'],
  ['Term\n: def\n~ more\n:\nend', '<dl>\n<dt>Term</dt>\n<dd>def\n~ more\n:\nend</dd>\n</dl>'],
  ['a\n: ', '<dl>\n<dt>a</dt>\n<dd></dd>\n</dl>'],
  ['a\nb\n: \nc', '<dl>\n<dt>a</dt>\n<dt>b</dt>\n<dd></dd>\n</dl>\n<p>c</p>'],
  ['Term\n:\tdef', '<dl>\n<dt>Term</dt>\n<dd>def</dd>\n</dl>'],
  ['Term A\n Term B\n: def', '<dl>\n<dt>Term A</dt>\n<dt>Term B</dt>\n<dd>def</dd>\n</dl>'],
  ['Term\n: def\n\n~ x', '<dl>\n<dt>Term</dt>\n<dd>def</dd>\n</dl>\n<p>~ x</p>'],
  ['Term\n: def\n\n : x', '<dl>\n<dt>Term</dt>\n<dd>def</dd>\n</dl>\n<p>: x</p>'],
  ['Term\n: def\n\nNext\n~ x', '<dl>\n<dt>Term</dt>\n<dd>def</dd>\n</dl>\n<p>Next\n~ x</p>'],
  ['Term\n: def\n\nNext\n : x\n\nLast\n: y', '<dl>\n<dt>Term</dt>\n<dd>def</dd>\n</dl>\n<p>Next\n: x</p>\n<dl>\n<dt>Last</dt>\n<dd>y</dd>\n</dl>'],
  // Tight or loose definition by definition: tight with no blank line before its marker, and then so is each
  // of its paragraphs with no blank line before it.
  ['T\n: a\n\n: b', '<dl>\n<dt>T</dt>\n<dd>a</dd>\n<dd>\n<p>b</p>\n</dd>\n</dl>'],
  ['T\n\n: a\n: b', '<dl>\n<dt>T</dt>\n<dd>\n<p>a</p>\n</dd>\n<dd>b</dd>\n</dl>'],
  ['T\n: a\n\n  more', '<dl>\n<dt>T</dt>\n<dd>a\n<p>more</p>\n</dd>\n</dl>'],
  ['T\n: a\n\n  - li\n\n  para', '<dl>\n<dt>T</dt>\n<dd>a\n<ul>\n<li>li</li>\n</ul>\n<p>para</p>\n</dd>\n</dl>'],
  ['T\n: a\n\n: b\n: c', '<dl>\n<dt>T</dt>\n<dd>a</dd>\n<dd>\n<p>b</p>\n</dd>\n<dd>c</dd>\n</dl>'],
  // Any number of blank lines between a term and its definition; only a definition's first paragraph tight.
  ['T\n\n\n: a', '<dl>\n<dt>T</dt>\n<dd>\n<p>a</p>\n</dd>\n</dl>'],
  ['T\n: a\n  b\n\n  more', '<dl>\n<dt>T</dt>\n<dd>a\nb\n<p>more</p>\n</dd>\n</dl>'],
  // A setext underline before the marker makes a heading of the lines above it, and the marker text.
  ['Term R\nTerm S\n-\n: Not a definition.', '<h2>Term R\nTerm S</h2>\n<p>: Not a definition.</p>'],
  ['Term T\n===\nTerm U\n: Definition U.', '<h1>Term T</h1>\n<dl>\n<dt>Term U</dt>\n<dd>Definition U.</dd>\n</dl>'],
  // A quote ended by a blank line of its own: the `: ` after it is text, no definition of the quote's last line or lines.
  ['> Quote V\n>\n: Not a definition.', '<blockquote>\n<p>Quote V</p>\n</blockquote>\n<p>: Not a definition.</p>'],
  ['> Quote W\n> Quote X\n>\n: Not a definition.', '<blockquote>\n<p>Quote W\nQuote X</p>\n</blockquote>\n<p>: Not a definition.</p>'],
];
