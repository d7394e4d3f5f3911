// The two markdown-it plugins ship no types (DefinitelyTyped's footnote types describe markdown-it's CommonJS build).
declare module 'markdown-it-footnote' {
  import type { PluginSimple } from 'markdown-it';
  const footnote: PluginSimple;
  export default footnote;
}

declare module 'markdown-it-deflist' {
  import type { PluginSimple } from 'markdown-it';
  const deflist: PluginSimple;
  export default deflist;
}

// markdown-it-emoji's data alone (GitHub's aliases), not its plugin: Hugo replaces aliases in the source.
declare module 'markdown-it-emoji/lib/data/full.mjs' {
  const emojis: Readonly<Record<string, string>>;
  export default emojis;
}

// markdown-it's own block rules for link reference definitions and paragraphs (see link-definitions.ts).
declare module 'markdown-it/lib/rules_block/reference.mjs' {
  import type { StateBlock } from 'markdown-it';
  export default function reference(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean;
}

declare module 'markdown-it/lib/rules_block/paragraph.mjs' {
  import type { StateBlock } from 'markdown-it';
  export default function paragraph(state: StateBlock, startLine: number, endLine: number): boolean;
}

// markdown-it's thematic break rule: tests/unit/render/nested-quotes.test.ts counts how often quotes ask it.
declare module 'markdown-it/lib/rules_block/hr.mjs' {
  import type { StateBlock } from 'markdown-it';
  export default function hr(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean;
}

// markdown-it's pairing of emphasis delimiters (see link-emphasis.ts): it pairs `state.delimiters` and each
// list of `state.tokens_meta`.
declare module 'markdown-it/lib/rules_inline/balance_pairs.mjs' {
  import type { StateInline } from 'markdown-it';
  export default function balancePairs(state: Pick<StateInline, 'delimiters' | 'tokens_meta'>): void;
}
