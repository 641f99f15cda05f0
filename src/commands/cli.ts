// The command line: commander wires each command module (src/commands/*) to the pipeline.
// Exit codes: 0 done, 1 findings at or above --fail-on, 2 usage or rule errors, 3 some inputs unreadable.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../paths.js';
import { registerExtract } from './extract.js';
import { registerAudit } from './audit.js';
import { registerRules } from './rules.js';
import { registerTerms } from './terms.js';
import { EXIT } from './common.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let code: number = EXIT.OK;
  const setCode = (c: number) => { code = c; };
  program
    .name('clausemap')
    .description('Reads a portfolio of contracts (PDF, DOCX, TXT) and reports where they conflict with each other.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .addHelpText('after', `
Exit codes:
  0  done (no finding at or above --fail-on)
  1  findings at or above --fail-on
  2  usage error, or invalid rules / configuration
  3  some input files could not be read (they are listed in the output with the reason)`);
  registerExtract(program, setCode);
  registerAudit(program, setCode);
  registerRules(program, setCode);
  registerTerms(program, setCode);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    throw e;
  }
  return code;
}
