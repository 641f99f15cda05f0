// The data beside the clone at ../shared: the CUAD, ContractNLI, forms and bad-input corpora and the
// shared scorer. CI always has it. A clone without it runs every test that does not need it, skips the
// ones that do (describeCorpus, it.skipIf(!HAS_SHARED)), and tests/shared-data-setup.ts says so once.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'vitest';

/** ../shared, beside the clone (not relative to the working folder). */
export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared');

/** Whether ../shared is there. When it is, nothing is skipped: a part missing from it fails the tests that read it. */
export const HAS_SHARED = existsSync(SHARED);

/**
 * describe() for a block whose tests read ../shared. Without it the block is reported as skipped and its
 * body is not run at all, because a body may read the corpora while its tests are being collected.
 */
export function describeCorpus(name: string, fn: () => void | Promise<void>): void {
  if (HAS_SHARED) describe(name, fn);
  else
    describe.skip(name, () => {
      it(`needs ${SHARED}`, () => {});
    });
}

/** A module of ../shared (e.g. 'eval/score-cuad.mjs'), or undefined when ../shared is not there. */
export async function importShared<T = Record<string, unknown>>(rel: string): Promise<T | undefined> {
  return HAS_SHARED ? ((await import(pathToFileURL(path.join(SHARED, rel)).href)) as T) : undefined;
}
