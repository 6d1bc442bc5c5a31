/** Colour only on a terminal, never with NO_COLOR or --no-color, and never in machine output. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-tree.js';

const ANSI = new RegExp(String.fromCharCode(27) + '\\[');
const bundle = () => writeTree({ 'databricks.yml': 'bundle: {name: c}\nresources: {jobs: {etl: {name: "${var.nope}"}}}\n' });

describe('colour', () => {
  it('colours text diagnostics on a terminal', async () => {
    expect((await runCli(['validate'], { cwd: bundle(), tty: true })).stderr).toMatch(ANSI);
  });
  it('never colours when output is not a terminal', async () => {
    expect((await runCli(['validate'], { cwd: bundle() })).stderr).not.toMatch(ANSI);
  });
  it('never colours with NO_COLOR or --no-color', async () => {
    expect((await runCli(['validate'], { cwd: bundle(), tty: true, env: { NO_COLOR: '1' } })).stderr).not.toMatch(ANSI);
    expect((await runCli(['--no-color', 'validate'], { cwd: bundle(), tty: true })).stderr).not.toMatch(ANSI);
  });
  it('never colours JSON', async () => {
    expect((await runCli(['validate', '-o', 'json'], { cwd: bundle(), tty: true })).stdout).not.toMatch(ANSI);
  });
});
