import type MarkdownIt from 'markdown-it';
import type { StateBlock, StateCore, Token } from 'markdown-it';
import { setextUnderline } from './goldmark-tables.js';

/** The indentation of each definition list being read, innermost last, by the state reading them. */
const openLists = new WeakMap<StateBlock, number[]>();

/** A markdown-it block rule. */
type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

/**
 * Adds a definition list plugin (markdown-it-deflist) to `md`, with terms that span lines as Hugo 0.111's
 * goldmark reads them: each line of the paragraph before a `: ` definition is a term of its own
 * (`Term A\nTerm B\n: Shared definition.` is one list with two terms; the plugin reads a one-line term
 * only, and left the whole as a paragraph with a stray colon), in a list, a quote or a list already open,
 * and two lists with nothing between them are one, as in goldmark.
 *
 * The plugin reads the last line and its definitions; the lines before it are added as terms.
 *
 * @example useDefinitionLists(md, deflist); md.render('A\nB\n: c') // '<dl>\n<dt>A</dt>\n<dt>B</dt>\n<dd>c</dd>\n</dl>\n'
 */
export function useDefinitionLists(md: MarkdownIt, plugin: (md: MarkdownIt) => void): void {
  const ruler = md.block.ruler;
  // The plugin's block rule, as the plugin adds it.
  let deflist: BlockRule | undefined;
  const before = ruler.before;
  ruler.before = (beforeName, ruleName, fn, options) => {
    const rule = ruleName === 'deflist' ? definitionFirst(fn) : fn;
    if (ruleName === 'deflist') deflist = rule;
    // Before the setext heading rule, as goldmark reads a definition first: `Term\n: def\n---` is a list and
    // a rule (markdown-it's rule took the three lines for a heading).
    before.call(ruler, ruleName === 'deflist' && beforeName === 'paragraph' ? 'lheading' : beforeName, ruleName, rule, options);
  };
  try {
    md.use(plugin);
  } finally {
    ruler.before = before;
  }
  if (deflist === undefined) throw new Error('the definition list plugin added no `deflist` block rule');
  ruler.before('deflist', 'feedpub_definition_terms', termsOnLines(deflist));
  md.core.ruler.after('block', 'feedpub_one_definition_list', joinAdjacentLists);
}

/** A block rule for a paragraph of two or more lines before a definition: the terms, then `deflist`'s list. */
function termsOnLines(deflist: BlockRule): BlockRule {
  // Never asked whether a line ends a paragraph (added with no `alt` chain, it is only ever run to read a block):
  // a definition ends one only inside a definition (the plugin's own rule).
  return (state, startLine, endLine) => {
    const last = lastTermLine(state, startLine, endLine);
    if (last <= startLine) return false;
    const at = state.tokens.length;
    if (!deflist(state, last, endLine, false)) return false;
    // The plugin's list, which it always starts so: `dl_open` (mapped), then the last line's term (`dt_open`, `inline`, `dt_close`).
    const [open, dtOpen, inline, dtClose] = state.tokens.slice(at, at + 4) as [Token, Token, Token, Token];
    (open.map as [number, number])[0] = startLine;
    const terms: Token[] = [];
    for (let line = startLine; line < last; line++) {
      const termOpen = new state.Token('dt_open', 'dt', 1);
      const text = new state.Token('inline', '', 0);
      const termClose = new state.Token('dt_close', 'dt', -1);
      for (const [token, like] of [
        [termOpen, dtOpen],
        [text, inline],
        [termClose, dtClose],
      ] as const) {
        token.block = true;
        token.level = like.level;
      }
      termOpen.map = [line, line + 1];
      text.map = [line, line + 1];
      // As the plugin reads a term: its line without the indentation of the block it is in, trimmed.
      text.content = state.getLines(line, line + 1, state.blkIndent, false).trim();
      text.children = [];
      terms.push(termOpen, text, termClose);
    }
    // One by one: a list of 100,000 terms is more arguments than a call takes.
    const rest = state.tokens.splice(at + 1);
    for (const token of terms) state.tokens.push(token);
    for (const token of rest) state.tokens.push(token);
    return true;
  };
}

/**
 * The last line of the paragraph that starts at `startLine` when a definition follows it (right after, or
 * after one blank line), else -1. The paragraph goes on as markdown-it's paragraph rule reads one: to a blank
 * line or a line that starts a block which may interrupt a paragraph; any more indented line goes on with it.
 */
function lastTermLine(state: StateBlock, startLine: number, endLine: number): number {
  const terminators = state.md.block.ruler.getRules('paragraph');
  const parentType = state.parentType;
  // What a rule asks to decide whether it may interrupt a paragraph (a list does, as the paragraph rule asks).
  state.parentType = 'paragraph';
  try {
    for (let line = startLine + 1; line < endLine; line++) {
      if (state.isEmpty(line)) return isDefinition(state, afterBlankLines(state, line, endLine)) ? line - 1 : -1;
      if (isDefinition(state, line)) return line - 1;
      const indent = state.sCount[line] ?? 0;
      if (indent - state.blkIndent > 3) continue;
      // A quote's lazy line, which the quote's rule has read.
      if (indent < 0) continue;
      // A setext underline makes the lines before it a heading (`lheading` reads it), which no definition
      // follows: checked here, or each heading of `a\nb\n-` read the rest of the text again (quadratic).
      if (indent >= state.blkIndent && setextUnderline(state, line)) return -1;
      if (terminators.some((rule) => rule(state, line, endLine, true))) return -1;
    }
    return -1;
  } finally {
    state.parentType = parentType;
  }
}

/**
 * Whether `line` starts a definition as goldmark reads one (checked with Hugo 0.111): a `:` at the block's
 * own indentation (` : def` is text, even under indented terms), then a space or a tab (`: ` alone is an
 * empty definition; a `:` that ends its line is text, and so is `~ def`, which markdown-it-deflist reads).
 */
function isDefinition(state: StateBlock, line: number): boolean {
  return (state.sCount[line] ?? 0) === state.blkIndent && isMarker(state, line);
}

/** Whether `line` starts with `:` and a space or a tab, wherever it is indented. */
function isMarker(state: StateBlock, line: number): boolean {
  const start = (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0);
  if (state.src.charCodeAt(start) !== 0x3a /* : */) return false;
  const after = state.src.charCodeAt(start + 1);
  return after === 0x20 || after === 0x09;
}

/**
 * The plugin's rule, run only where goldmark's first definition follows the term (right after it, or after
 * one blank line), and a definition's paragraph ended only by goldmark's marker: the plugin also takes a
 * `:` that ends its line, an indented one and `~`.
 */
function definitionFirst(deflist: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    // Asked whether `startLine` ends a definition's paragraph: a `:` and a space or a tab there (the
    // plugin's next definition), never `~` or a `:` that ends its line, which go on as the paragraph's text.
    // Only at the indentation of a list it is in: an indented one inside a definition's list or quote is
    // its text, and one at an outer list's ends the inner list too.
    if (silent)
      return openLists.get(state)?.includes(state.sCount[startLine] ?? -1) === true && isMarker(state, startLine) && deflist(state, startLine, endLine, silent);
    const next = afterBlankLines(state, startLine + 1, endLine);
    if (!isDefinition(state, next)) return false;
    const at = state.tokens.length;
    // goldmark takes a paragraph before a definition however many blank lines are between them, the plugin
    // one at most: it is given the last blank line as the term, and the term's text put in its place.
    const from = next - startLine > 2 ? next - 1 : startLine;
    if (!endingAtOtherMarkers(state, () => deflist(state, from, endLine, silent))) return false;
    const [open, , term] = state.tokens.slice(at, at + 3);
    if (from !== startLine && open?.map != null && term?.type === 'inline') {
      open.map[0] = startLine;
      term.map = [startLine, startLine + 1];
      term.content = state.getLines(startLine, startLine + 1, state.blkIndent, false).trim();
    }
    tightAsGoldmark(state, at);
    return true;
  };
}

/** The first line from `line` on that is not blank (`endLine` when there is none). */
function afterBlankLines(state: StateBlock, line: number, endLine: number): number {
  let next = line;
  while (next < endLine && state.isEmpty(next)) next++;
  return next;
}

/**
 * Marks the paragraphs of the list the plugin just added (from `tokens[at]`) tight or loose as goldmark
 * does (checked with Hugo 0.111), definition by definition: a definition with no blank line before its
 * marker is tight, and its first paragraph, wherever it is among its blocks, is shown without `<p>` (goldmark
 * means all of them, but its loop stops at the first it replaces); the others keep theirs. The plugin
 * decided once for all the definitions of a term, by the line after it, and only for one of one paragraph.
 */
function tightAsGoldmark(state: StateBlock, at: number): void {
  const tokens = state.tokens;
  const level = (tokens[at]?.level ?? 0) + 1;
  let tight = false;
  for (let i = at + 1; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type === 'dd_open' && token.level === level && token.map != null) {
      // The plugin maps a new term's first definition from the term's line: its marker is after it.
      let marker = token.map[0];
      if (!isPluginMarker(state, marker)) marker += state.isEmpty(marker + 1) ? 2 : 1;
      tight = !(marker > 0 && state.isEmpty(marker - 1));
    }
    if (token.type === 'paragraph_open' && token.level === level + 1) {
      token.hidden = tight;
      const close = tokens[i + 2];
      if (close?.type === 'paragraph_close') close.hidden = tight;
      tight = false;
    }
  }
}

/**
 * Runs the plugin's rule so that its list ends where goldmark's does: before a definition whose marker
 * goldmark reads as text (`~`, an indented `:` or one that ends its line, after a blank line or a block),
 * and before a new term whose definition has such a marker. As each definition closes, the line the plugin
 * looks at next is checked; where the list must end, that line is made to look outdented (which ends the
 * plugin's list there) until the rule returns. Nothing is read twice.
 */
function endingAtOtherMarkers(state: StateBlock, rule: () => boolean): boolean {
  // For the definitions' paragraphs to know the indentation of the list they are in.
  const level = state.level + 1;
  const own = Object.hasOwn(state, 'push') ? state.push : undefined;
  const push = state.push;
  let hidden: { readonly line: number; readonly sCount: number } | undefined;
  state.push = function (this: StateBlock, type, tag, nesting) {
    const token = push.call(this, type, tag, nesting);
    if (type === 'dd_close' && token.level === level && hidden === undefined) {
      const line = listEndsAt(state);
      if (line !== undefined) {
        hidden = { line, sCount: state.sCount[line] ?? 0 };
        state.sCount[line] = -1;
      }
    }
    return token;
  };
  const lists = openLists.get(state) ?? [];
  openLists.set(state, lists);
  lists.push(state.blkIndent);
  try {
    return rule();
  } finally {
    lists.pop();
    if (own === undefined) delete (state as { push?: unknown }).push;
    else state.push = own;
    if (hidden !== undefined) state.sCount[hidden.line] = hidden.sCount;
  }
}

/** The line the list must end at when a definition has just closed, or undefined where it goes on. */
function listEndsAt(state: StateBlock): number | undefined {
  const line = state.line;
  if (line >= state.lineMax || (state.sCount[line] ?? 0) < state.blkIndent) return undefined;
  if (isPluginMarker(state, line)) return isDefinition(state, line) ? undefined : line;
  // A line that starts another block (a heading, a list, a fence) is no term: the list ends before it.
  if (startsBlock(state, line)) return line;
  // A new term: its definition on the next line, or the one after a blank line.
  let definition = line + 1;
  if (definition < state.lineMax && state.isEmpty(definition)) definition++;
  if (definition >= state.lineMax || (state.sCount[definition] ?? 0) < state.blkIndent) return undefined;
  return isPluginMarker(state, definition) && !isDefinition(state, definition) ? line : undefined;
}

/** Whether `line` starts a block that may interrupt a paragraph, as markdown-it's paragraph rule asks. */
function startsBlock(state: StateBlock, line: number): boolean {
  const parentType = state.parentType;
  state.parentType = 'paragraph';
  try {
    return state.md.block.ruler.getRules('paragraph').some((rule) => rule(state, line, state.lineMax, true));
  } finally {
    state.parentType = parentType;
  }
}

/** Whether markdown-it-deflist reads `line` as a definition's marker: `:` or `~`, then a space, a tab or the line's end. */
function isPluginMarker(state: StateBlock, line: number): boolean {
  if ((state.sCount[line] ?? 0) - state.blkIndent >= 4) return false;
  const start = (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0);
  const end = state.eMarks[line] ?? 0;
  if (start >= end) return false;
  const marker = state.src.charCodeAt(start);
  if (marker !== 0x3a /* : */ && marker !== 0x7e /* ~ */) return false;
  const after = state.src.charCodeAt(start + 1);
  return start + 1 >= end || after === 0x20 || after === 0x09;
}

/**
 * A list that ends where another one starts, on the same level, with only blank lines between them, goes
 * on into it: goldmark adds a term after a definition to the list it is in, however many lines its term spans.
 */
function joinAdjacentLists(state: StateCore): void {
  const tokens = state.tokens;
  let adjacent = false;
  for (let i = 0; i + 1 < tokens.length && !adjacent; i++) adjacent = isJoint(tokens, i);
  if (!adjacent) return;
  const kept: Token[] = [];
  const open: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const first = open[open.length - 1];
    const second = tokens[i + 1];
    // Only blank lines between them: a line that made no token (a block attribute line, a link reference
    // definition) ends the list, as in goldmark.
    if (isJoint(tokens, i) && first?.map != null && second?.map != null && first.map[1] === second.map[0]) {
      first.map[1] = second.map[1];
      i++;
      continue;
    }
    if (token.type === 'dl_open') open.push(token);
    else if (token.type === 'dl_close') open.pop();
    kept.push(token);
  }
  state.tokens = kept;
}

/** Whether `tokens[i]` closes a list that the next token opens again, on the same level. */
function isJoint(tokens: readonly Token[], i: number): boolean {
  const close = tokens[i];
  const open = tokens[i + 1];
  return close?.type === 'dl_close' && open?.type === 'dl_open' && open.level === close.level;
}
