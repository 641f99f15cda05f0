// The command line: commander wires each command module (src/commands/*) to the pipeline. A command
// checks its options and inputs and throws a UsageError before anything is opened or written; every
// exit code is in src/pipeline/exit-codes.ts and README's "Exit codes".
import { Command, CommanderError } from 'commander';
import { terminalSafe } from '../names.js';
import { VERSION } from '../paths.js';
import { EXIT } from '../pipeline/exit-codes.js';
import { registerExtract } from './extract.js';
import { registerAudit } from './audit.js';
import { registerRules } from './rules.js';
import { registerTerms } from './terms.js';
import { OutputError } from '../report/output.js';
import { registerServe } from './serve.js';
import { registerWorker } from './worker.js';
import { UsageError } from './common.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let code: number = EXIT.OK;
  const setCode = (c: number) => {
    code = c;
  };
  program
    .name('clausemap')
    .description('Reads a portfolio of contracts (PDF, DOCX, TXT) and reports where they conflict with each other.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'clausemap: ')),
    })
    .addHelpText(
      'after',
      `
Exit codes:
  0    done (no finding at or above --fail-on)
  1    findings at or above --fail-on
  2    usage error, or invalid rules / configuration (nothing was written)
  3    some input files could not be read (they are listed in the output with the reason)
  4    the report could not be written (a full disk): nothing was left at the --out name
  70   internal error: a bug in clausemap, please report it
  130  interrupted (Ctrl-C): the documents analysed so far are kept in the term database`,
    );
  registerExtract(program, setCode);
  registerAudit(program, setCode);
  registerRules(program, setCode);
  registerTerms(program, setCode);
  registerServe(program, setCode);
  registerWorker(program, setCode);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      const said = terminalSafe(e.message);
      process.stderr.write(e.problems.length ? `${said}\n` : `clausemap: ${said}\n`);
      return EXIT.USAGE;
    }
    if (e instanceof OutputError) {
      process.stderr.write(`clausemap: ${terminalSafe(e.message)}\n`);
      return EXIT.OUTPUT;
    }
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.OK;
      // help asked for (`clausemap help`) is a success; help shown because no command was given is not
      if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      return EXIT.USAGE;
    }
    throw e;
  }
  return code;
}
