import type { Problem } from '../model.js';
import type { RebuildReport } from '../rebuild.js';

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** `file:line: severity: message [rule]` lines, most severe first, then by file and line. */
export function formatProblems(problems: readonly Problem[], minimum: Problem['severity']): string[] {
  return problems
    .filter((p) => RANK[p.severity] <= RANK[minimum])
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)))
    .map((p) => `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.severity}: ${p.message} [${p.rule}]`);
}

/** The build summary: articles read, published, rejected; feeds written. */
export function formatSummary(report: RebuildReport, outDir: string): string[] {
  const { total, parsed, published, rejected, held } = report.articles;
  return [
    `articles: ${total} found, ${parsed} parsed, ${published} published, ${held} held back, ${rejected} rejected`,
    `feeds: ${report.feeds} feeds, ${report.written.length} files written, ${report.unchanged} unchanged, ${report.deleted.length} deleted → ${outDir}/`,
  ];
}
