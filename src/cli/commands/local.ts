/** `jobs local serve`: run the embedded workspace standalone (implementation in local/serve.ts). */
import { Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../main.js';

export function localCommand(ctx: CommandContext): Command {
  const local = new Command('local').description('the embedded local workspace: jobs local serve');
  local
    .command('serve')
    .description('serve the Jobs API 2.2, workspace files and SCIM Me on this machine (loopback only)')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '8123')
    .option('--data-dir <dir>', 'where jobs, runs and files persist (default ~/.jobs-as-code/local-workspace)')
    .option('--token <token>', 'bearer token clients must send (default: generated into <data-dir>/token)')
    .option('--allow-remote', 'allow a non-loopback --host (exposes the server to the network)', false)
    .option('--print-token', 'print the token on stdout', false)
    .option('--user <name>', 'the user name the workspace answers as')
    .addOption(new Option('--id-base <n>', 'first ids are <n>+1 (use > 9007199254740992 to test int64 handling)').hideHelp())
    .addOption(new Option('--faults <rules>', 'fault injection rules (see src/local/faults.ts; also JOBS_LOCAL_FAULTS)').hideHelp())
    .addOption(new Option('--fault-seed <n>', 'seed for fault injection').hideHelp())
    .addOption(new Option('--compact-after <bytes>', 'journal size that triggers a snapshot').hideHelp())
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got ${String(opts.port)}`);
      const [{ serveLocalWorkspace }, { nodeHostProcess }] = await Promise.all([import('../../local/serve.js'), import('../../ports/host-process.js')]);
      ctx.exitCode = await serveLocalWorkspace(ctx.io, {
        host: opts.host as string, port, dataDir: opts.dataDir as string | undefined, token: opts.token as string | undefined,
        allowRemote: opts.allowRemote === true, printToken: opts.printToken === true, user: opts.user as string | undefined,
        idBase: opts.idBase as string | undefined, faults: opts.faults as string | undefined, faultSeed: opts.faultSeed as string | undefined,
        compactAfter: opts.compactAfter as string | undefined, debug: ctx.globals().debug,
      }, nodeHostProcess());
    });
  return local;
}
