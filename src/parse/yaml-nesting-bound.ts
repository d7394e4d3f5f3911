/**
 * A cheap upper bound on how deeply a YAML text nests, computed before the `yaml` package sees it.
 * yaml recurses once per level: a thousand levels overflow the stack, and `- - - … a` 100 000 levels
 * deep (200 KB) crashes Node with a fatal out-of-memory error that no try/catch can stop.
 */

/**
 * Over-estimates the nesting depth of `src`: open indentation levels, plus compact block indicators
 * (`- `, `? `, `: `) that start a line, plus one for a map, plus unclosed `[`/`{` (counted
 * everywhere, strings included, so a bracket in text can only raise the bound).
 *
 * @example
 * yamlNestingBound('a:\n  b:\n    - [1, [2]]\n'); // 7 (the real depth is 5)
 */
export function yamlNestingBound(src: string): number {
  let bound = 0;
  let flow = 0;
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
      for (; hasFlow && i < end; i++) {
        const c = src.charCodeAt(i);
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

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** `-`, `?` or `:`: block indicators when followed by a blank or the end of the line. */
function isIndicator(c: number): boolean {
  return c === 0x2d || c === 0x3f || c === 0x3a;
}
