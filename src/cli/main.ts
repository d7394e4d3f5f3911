import { type CliContext, processContext } from './cli-context.js';
import { errorHints, regionFlag } from './error-hints.js';
import { describeError } from './describe-error.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { printable } from './format.js';
import { COMMAND_USAGE, MAIN_USAGE } from './usage.js';

export { EXIT } from './exit-codes.js';
export type { CliContext } from './cli-context.js';

type Command = (args: readonly string[], ctx: CliContext) => Promise<ExitCode>;

/** Each command's module, loaded when the command runs (so `build` and `check` need no AWS SDK where the bundle splits). */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  build: async () => (await import('./commands/build-command.js')).buildCommand,
  check: async () => (await import('./commands/check-command.js')).checkCommand,
  upload: async () => (await import('./commands/upload-command.js')).uploadCommand,
  rebuild: async () => (await import('./commands/rebuild-command.js')).rebuildCommand,
  dev: async () => (await import('./commands/dev-command.js')).devCommand,
};

const VERSION = '0.1.0';

/**
 * Runs the CLI with argv (without node and script) and returns the exit code: chooses the command,
 * shows help, and turns every failure into one line on stderr (a stack trace only for unexpected
 * errors, and only with FEEDPUB_DEBUG=1).
 *
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], context: Partial<CliContext> = {}): Promise<number> {
  const ctx: CliContext = { ...processContext(), ...context };
  const [first, ...rest] = argv;
  if (first === undefined) {
    ctx.err(MAIN_USAGE);
    return EXIT.usage;
  }
  if (first === '--version' || first === '-V') {
    ctx.out(`feedpub ${VERSION}`);
    return EXIT.ok;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    // `help --help`, `help -h` and `help help` ask for the overview, as `help` alone does.
    const asked = first === 'help' ? rest[0] : undefined;
    const topic = asked === '--help' || asked === '-h' || asked === 'help' ? undefined : asked;
    if (topic !== undefined && COMMAND_USAGE[topic] === undefined) return unknownCommand(topic, ctx);
    ctx.out(topic !== undefined ? (COMMAND_USAGE[topic] ?? MAIN_USAGE) : MAIN_USAGE);
    return EXIT.ok;
  }
  const load = COMMANDS[first];
  if (!load) return unknownCommand(first, ctx);
  if (rest.some((arg) => arg === '--help' || arg === '-h')) {
    ctx.out(COMMAND_USAGE[first] ?? MAIN_USAGE);
    return EXIT.ok;
  }
  try {
    const command = await load();
    return await command(rest, ctx);
  } catch (error) {
    const described = describeError(error, errorHints(ctx.env, regionFlag(rest)));
    // A config error quotes the config (untrusted: anyone who can upload content can upload hugo.yaml).
    ctx.err(printable(`feedpub ${first}: ${described.message}`));
    if (described.unexpected) {
      if (ctx.env.FEEDPUB_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
      else ctx.err('This looks like a bug in feedpub; run again with FEEDPUB_DEBUG=1 for the stack trace and report it.');
    }
    return described.exitCode;
  }
}

function unknownCommand(name: string, ctx: CliContext): number {
  ctx.err(`feedpub: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; see feedpub --help)`);
  return EXIT.usage;
}
