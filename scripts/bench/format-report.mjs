/**
 * @typedef {object} ReportMeta
 * @property {string} date ISO 8601
 * @property {string} node
 * @property {string} platform
 * @property {string} cpu
 * @property {string} memory
 * @property {string} [hugo]
 * @property {string} [commit]
 * @property {string} measurement how CPU and RSS were measured
 * @property {number} runs
 * @property {number} warmup
 * @property {ReadonlyArray<{ size: number, dir: string, bytes: number }>} corpora
 */

/** @typedef {import('./scenarios/run-command.mjs').Row} Row */
/** @typedef {import('./spread.mjs').Spread} Spread */

const mib = (/** @type {number} */ bytes) => (bytes / 1048576).toFixed(1);

/** `median (min–max)` with a unit conversion and precision. */
function cell(/** @type {Spread | undefined} */ value, /** @type {(n: number) => string} */ format) {
  if (value === undefined) return '–';
  return value.min === value.max ? format(value.median) : `${format(value.median)} (${format(value.min)}–${format(value.max)})`;
}

const ms = (/** @type {number} */ value) => value.toFixed(0);
const kibToMib = (/** @type {number} */ value) => (value / 1024).toFixed(0);

/** Escapes a table cell. */
const escapeCell = (/** @type {string} */ text) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The results as Markdown: environment, one table of all rows, and the exact commands.
 *
 * @param {ReportMeta} meta
 * @param {readonly Row[]} rows
 * @returns {string}
 * @example
 * writeFileSync('bench/RESULTS.md', formatReport(meta, rows));
 */
export function formatReport(meta, rows) {
  const lines = [
    '# feedpub benchmark results',
    '',
    `- Date: ${meta.date}`,
    `- Node: ${meta.node} (${meta.platform})`,
    `- CPU: ${meta.cpu}; memory ${meta.memory}`,
    ...(meta.hugo === undefined ? [] : [`- Hugo: ${meta.hugo}`]),
    ...(meta.commit === undefined ? [] : [`- Commit: ${meta.commit}`]),
    `- Measurement: ${meta.measurement}; ${meta.runs} measured run(s) after ${meta.warmup} warm-up run(s); cells show median (min–max)`,
    `- Corpora: ${meta.corpora.map((corpus) => `${corpus.size} articles = \`${corpus.dir}\` (${mib(corpus.bytes)} MiB of Markdown)`).join('; ')}`,
    '',
    '| Scenario | Articles | Wall ms | CPU ms (user+sys) | Peak RSS MiB | Articles/s | Output | Notes |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const perSecond = row.wallMs === undefined ? '–' : ((row.articles * 1000) / row.wallMs.median).toFixed(0);
    lines.push(
      `| ${[
        escapeCell(row.scenario),
        String(row.articles),
        cell(row.wallMs, ms),
        cell(row.cpuMs, ms),
        cell(row.maxRssKiB, kibToMib),
        perSecond,
        row.output === undefined ? '–' : `${row.output.files} files, ${mib(row.output.bytes)} MiB`,
        escapeCell(row.note ?? ''),
      ].join(' | ')} |`,
    );
  }
  const commands = rows.filter((row) => row.command !== undefined);
  if (commands.length > 0) {
    lines.push(
      '',
      '## Commands',
      '',
      'Run from the repository root; `<tmp>` is a new empty folder per run; the folders of a scenario are deleted after its last run.',
      '',
    );
    for (const row of commands) lines.push(`- ${row.scenario} @ ${row.articles}: \`${row.command}\``);
  }
  return `${lines.join('\n')}\n`;
}
