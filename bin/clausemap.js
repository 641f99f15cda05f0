#!/usr/bin/env node
import { prestart } from '../dist/pipeline/child-start.js';

// the first analysis child loads while the command does (see src/pipeline/child-start.ts)
prestart(process.argv);
const { main } = await import('../dist/commands/cli.js');
const { EXIT } = await import('../dist/pipeline/exit-codes.js');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // a mistake of the user's never gets here (it is a usage error, exit 2): this is a bug in clausemap
    const what = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `clausemap: internal error (a bug in clausemap; please report it with the command you ran): ${what}\n`,
    );
    if (process.env.CLAUSEMAP_DEBUG) process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    else
      process.stderr.write(
        'clausemap: run it again with CLAUSEMAP_DEBUG=1 for the details to include in the report.\n',
      );
    process.exitCode = EXIT.INTERNAL;
  },
);
