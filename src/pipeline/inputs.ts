// Expanding the user's arguments (files and folders) into the list of input files, in a stable order.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface InputList {
  files: string[];
  missing: string[];
}

/** Operating-system and editor bookkeeping, never a contract: left out of folder walks. Any other file,
 *  hidden or not, is listed and analysed (or skipped with a reason by ingest). */
const BOOKKEEPING = /^(?:\.DS_Store|\._.*|~\$.*|Thumbs\.db|desktop\.ini)$/i;
/** Hidden folders (.git, the term database's .clausemap) are not walked. */
const HIDDEN_DIR = /^\./;
/** YAML in a contracts folder is configuration or test metadata (clausemap.yaml, expected.yaml), never a contract;
 *  it is still read when named explicitly. */
const NOT_A_CONTRACT = /\.ya?ml$/i;

export function expandInputs(args: readonly string[]): InputList {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = path.resolve(f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
    }
  };
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      missing.push(dir);
      return;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!HIDDEN_DIR.test(n)) walk(p);
      } else if (st.isFile() && !BOOKKEEPING.test(n) && !NOT_A_CONTRACT.test(n)) add(p);
    }
  };
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      missing.push(a);
      continue;
    }
    if (st.isDirectory()) walk(a);
    else add(a);
  }
  return { files, missing };
}
