/** Every verb of the CLI, in `--help` order. Each module builds its commander Command. */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { validateCommand } from './validate.js';
import { planCommand } from './plan.js';
import { deployCommand } from './deploy.js';
import { destroyCommand } from './destroy.js';
import { summaryCommand } from './summary.js';
import { graphCommand } from './graph.js';
import { cronCommand } from './cron.js';
import { schemaCommand } from './schema.js';
import { localCommand } from './local.js';
import { runCommand } from './run.js';
import { repairCommand } from './repair.js';
import { runsCommand } from './runs.js';

export const COMMANDS: ReadonlyArray<(ctx: CommandContext) => Command> = [
  validateCommand,
  planCommand,
  deployCommand,
  destroyCommand,
  summaryCommand,
  graphCommand,
  cronCommand,
  schemaCommand,
  runCommand,
  repairCommand,
  runsCommand,
  localCommand,
];
