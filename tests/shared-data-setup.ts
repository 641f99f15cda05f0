// vitest globalSetup: on a clone without ../shared, one line at the end of the run says which tests were
// skipped, why, and how to run them. With ../shared it prints nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HAS_SHARED, SHARED } from './shared-data.js';

const TESTS = path.dirname(fileURLToPath(import.meta.url));

/** The test files that use tests/shared-data.ts, i.e. that have tests needing ../shared. */
function corpusTestFiles(): number {
  return readdirSync(TESTS).filter(
    (f) => f.endsWith('.test.ts') && /from '\.\/shared-data\.js'/.test(readFileSync(path.join(TESTS, f), 'utf8')),
  ).length;
}

export default function setup(): (() => void) | undefined {
  if (HAS_SHARED) return undefined;
  return () => {
    console.log(
      `clausemap: corpus tests in ${corpusTestFiles()} test files skipped: ../shared (the CUAD, ContractNLI, forms and bad-input corpora and their scorer, as CI has them) is not beside this clone; put that folder at ${SHARED} to run them`,
    );
  };
}
