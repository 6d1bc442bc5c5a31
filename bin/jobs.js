#!/usr/bin/env node
// The `jobs` binary: everything lives in the bundled dist/cli.js (run `npm run build` first).
import '../dist/cli.js';
