// The text of one stored contract, for the contract view: read by a capped child process
// (src/serve/text-child.ts: a time cap, a heap cap) and kept beside the files, so each is read once.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../paths.js';

export const ContractTextSchema = z.union([
  z.object({ kind: z.string(), text: z.string(), pageStarts: z.array(z.number().int().nonnegative()) }),
  z.object({ error: z.string() }),
]);
export type ContractText = z.infer<typeof ContractTextSchema>;

// the compiled child; when this module runs from the TypeScript sources (tests), the build's copy
const HERE = fileURLToPath(new URL('./text-child.js', import.meta.url));
const CHILD = existsSync(HERE) ? HERE : path.join(PACKAGE_ROOT, 'dist', 'serve', 'text-child.js');

export function readContractText(
  file: string,
  opts: { timeoutMs: number; maxMemoryMb: number },
): Promise<ContractText> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${opts.maxMemoryMb}`, CHILD, file],
      { timeout: opts.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout) => {
        if (err && !stdout) {
          resolve({ error: err.killed ? 'it took longer than the time cap to read' : 'it could not be read' });
          return;
        }
        try {
          const r = ContractTextSchema.safeParse(JSON.parse(stdout));
          resolve(r.success ? r.data : { error: 'it could not be read' });
        } catch {
          resolve({ error: 'it could not be read' });
        }
      },
    );
  });
}

/** The 1-based page an offset of the text is on. */
export function pageOf(pageStarts: readonly number[], offset: number): number {
  let page = 1;
  for (let i = 0; i < pageStarts.length; i++) if (pageStarts[i]! <= offset) page = i + 1;
  return page;
}
