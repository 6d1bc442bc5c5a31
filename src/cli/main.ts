/**
 * The CLI entry: commander wiring only. `main(argv, io)` runs one invocation in-process and
 * returns its exit code, so tests call it directly with a fake Io. Each verb lives in
 * commands/<verb>.ts and loads its implementation lazily, so `jobs --version` and `jobs --help`
 * pay for nothing they do not use.
 */
import { Command, CommanderError, Option } from 'commander';
import type { Io } from '../ports/io.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCode } from './exit-codes.js';
import { isExpectedFailure } from '../diag/errors.js';
import { COMMANDS } from './commands/index.js';
import { VERSION } from './version.js';
import { readToolConfig, type ToolConfig } from './tool-config.js';

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let toolConfig: Promise<ToolConfig> | undefined;
  const program = new Command('jobs');
  const ctx: CommandContext = {
    io,
    exitCode: ExitCode.OK,
    globals: () => globalOptions(program.opts(), io),
    toolConfig: () =>
      (toolConfig ??= readToolConfig(io.cwd).then(({ config, diagnostics }) => {
        for (const d of diagnostics) io.stderr.write(`warning ${d.code}: ${d.summary}\n`);
        return config;
      })),
  };
  program
    .description('Databricks Lakeflow Jobs as code: validate, plan, deploy and run bundles')
    .version(VERSION, '-v, --version', 'print the version')
    .option('-C, --bundle-dir <dir>', 'bundle root directory (default: search up from the current directory)')
    .option('-p, --profile <name>', 'profile in ~/.databrickscfg to use')
    .option('--debug', 'log requests and decisions to stderr (secrets redacted)')
    .addOption(new Option('--no-color', 'disable colour (also NO_COLOR)'))
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s),
    });
  for (const register of COMMANDS) program.addCommand(inheritSettings(register(ctx), program));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit through here with exitCode 0.
      return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`error: ${err.message}\n`);
      return ExitCode.USAGE;
    }
    if (isExpectedFailure(err)) {
      io.stderr.write(`error: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
      return ExitCode.FAILURE;
    }
    throw err;
  }
  return ctx.exitCode;
}

/**
 * Commands built with `new Command()` do not inherit the parent's settings (exit override,
 * output routing, suggestions); without them a usage error would call process.exit.
 */
function inheritSettings(cmd: Command, parent: Command): Command {
  cmd.copyInheritedSettings(parent);
  for (const sub of cmd.commands) inheritSettings(sub, cmd);
  return cmd;
}

/** Thrown by commands for a bad flag value that commander cannot check itself. */
export class UsageError extends Error {}

function globalOptions(opts: Record<string, unknown>, io: Io): GlobalOptions {
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return {
    bundleDir: opts.bundleDir as string | undefined,
    profile: opts.profile as string | undefined,
    debug: opts.debug === true,
    color: opts.color !== false && !noColorEnv,
  };
}
