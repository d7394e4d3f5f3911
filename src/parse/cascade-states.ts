/**
 * The keys a page or a list page settles itself (its own front matter, or for a list page its own cascade too),
 * which a cascade from further up then does not give it: a bit each. A module of its own, so that the planner
 * (in the Lambda's cold start) reads it without the front matter readers and the TOML parser behind them.
 */
export const STATES = { draft: 1, publishDate: 2, headless: 4, date: 8, expiryDate: 16, build: 32, lastmod: 64, markup: 128 } as const;
