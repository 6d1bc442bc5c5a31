/**
 * Process entry (bundled to dist/cli.js): the only place that touches `process` directly.
 * `--version` answers before anything else is loaded, so a cold start costs one small module.
 */
import { VERSION } from './version.js';

// A reader that stops early (`jobs schema | head`) closes the pipe: not an error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const [{ main }, { nodeIo }] = await Promise.all([import('./main.js'), import('../ports/node-io.js')]);
  process.exitCode = await main(argv, nodeIo());
}
