#!/usr/bin/env node
import { main } from '../dist/commands/cli.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`clausemap: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  },
);
