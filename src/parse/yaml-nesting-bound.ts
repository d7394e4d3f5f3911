/**
 * A cheap upper bound on how deeply a YAML text nests, computed before the `yaml` package sees it.
 * yaml recurses once per level: a thousand levels overflow the stack, and `- - - … a` 100 000 levels
 * deep (200 KB) crashes Node with a fatal out-of-memory error that no try/catch can stop.
 */

/**
 * Over-estimates the nesting depth of `src`: open indentation levels, plus compact block indicators
 * (`- `, `? `, `: `) that start a line, plus one for a map, plus unclosed `[`/`{`, counted everywhere (a
 * bracket in a plain scalar or a comment can only raise the bound) but in a quoted scalar that is a whole
 * value on its line: one that starts where a node starts (a line's text, after `: `, an anchor or a tag, or
 * in a flow collection after its `[`, `{` or `,`), closes on the line and is followed by nothing but a
 * comment, a key's `:` or, in a flow collection, `,`, `]` or `}` (`summary: "[[[…"` is one string, as Hugo reads
 * it: 100 `[` in it were refused as too deep). Once a quoted scalar goes on past its line, its next lines
 * might be read wrongly as strings: from there on, no brackets are taken for text.
 *
 * @example
 * yamlNestingBound('a:\n  b:\n    - [1, [2]]\n'); // 7 (the real depth is 5)
 */
export function yamlNestingBound(src: string): number {
  let bound = 0;
  let flow = 0;
  // Flow collections opened where a node starts (the others' brackets are text), and whether a quoted string
  // went on past its line.
  let realFlow = 0;
  let multiLineString = false;
  const indents: number[] = [];
  // Most front matter has no flow collection at all: then no line needs scanning past its indicators.
  const hasFlow = src.includes('[') || src.includes('{');
  let start = 0;
  while (start < src.length) {
    let end = src.indexOf('\n', start);
    if (end === -1) end = src.length;
    let i = start;
    while (i < end && isBlank(src.charCodeAt(i))) i++;
    if (i < end && src.charCodeAt(i) !== 0x23 /* # */) {
      const indent = i - start;
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
      indents.push(indent);
      let compact = 0;
      while (i < end && isIndicator(src.charCodeAt(i)) && (i + 1 === end || isBlank(src.charCodeAt(i + 1)))) {
        compact++;
        i++;
        while (i < end && isBlank(src.charCodeAt(i))) i++;
      }
      let lineFlow = flow;
      // Where a node starts (the line's text after its indicators, after `: `, and in a flow collection that
      // opened where a node starts, after its `[`, `{` or `,`), a quoted scalar may start; after a comment's
      // `#`, or once a string went on past its line (its next lines are not read for strings), none does.
      let nodeStart = true;
      let comment = false;
      for (; hasFlow && i < end; i++) {
        const c = src.charCodeAt(i);
        if (isBlank(c)) continue;
        if ((c === 0x22 || c === 0x27) && nodeStart && !comment && !multiLineString) {
          // A quoted scalar that is a whole value on its line holds no collection: its brackets are text
          // (`summary: "[[[…"` is one string).
          const close = quotedEnd(src, i, end);
          if (close === -1) multiLineString = true;
          else if (endsValue(src, close + 1, end, realFlow > 0)) {
            i = close;
            nodeStart = false;
            continue;
          }
        }
        if ((c === 0x26 || c === 0x21) && nodeStart && !comment) {
          // An anchor (`&a`) or a tag (`!t`) comes before its node, which starts after it.
          while (i + 1 < end && !isBlank(src.charCodeAt(i + 1))) i++;
          continue;
        }
        if (c === 0x23 && isBlank(src.charCodeAt(i - 1))) comment = true;
        const opens = c === 0x5b || c === 0x7b;
        if (opens && nodeStart && !comment) realFlow++;
        else if ((c === 0x5d || c === 0x7d) && realFlow > 0) realFlow--;
        nodeStart = (opens && nodeStart) || (c === 0x2c && realFlow > 0) || (c === 0x3a && (i + 1 === end || isBlank(src.charCodeAt(i + 1))));
        if (c === 0x5b || c === 0x7b) {
          flow++;
          if (flow > lineFlow) lineFlow = flow;
        } else if ((c === 0x5d || c === 0x7d) && flow > 0) {
          flow--;
        }
      }
      bound = Math.max(bound, indents.length + compact + 1 + lineFlow);
    }
    start = end + 1;
  }
  return bound;
}

/**
 * Where the quoted scalar opening at `open` (`"` or `'`) closes on its line (before `end`), or -1 when it goes
 * on past it: a `"` string ends at a `"` that no backslash escapes, a `'` string at a `'` not doubled.
 */
function quotedEnd(src: string, open: number, end: number): number {
  const quote = src.charCodeAt(open);
  for (let i = open + 1; i < end; i++) {
    const c = src.charCodeAt(i);
    if (quote === 0x22 && c === 0x5c /* backslash */) i++;
    else if (c === quote) {
      if (quote === 0x27 && src.charCodeAt(i + 1) === 0x27) i++;
      else return i;
    }
  }
  return -1;
}

/** Whether only blanks, then a comment, the line's end, a key's `:` or (`flow`) a `,`, `]` or `}` follow `from`. */
function endsValue(src: string, from: number, end: number, flow: boolean): boolean {
  let i = from;
  while (i < end && isBlank(src.charCodeAt(i))) i++;
  if (i === end) return true;
  const c = src.charCodeAt(i);
  return (c === 0x23 && i > from) || c === 0x3a || (flow && (c === 0x2c || c === 0x5d || c === 0x7d));
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** `-`, `?` or `:`: block indicators when followed by a blank or the end of the line. */
function isIndicator(c: number): boolean {
  return c === 0x2d || c === 0x3f || c === 0x3a;
}
