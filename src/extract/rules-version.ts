// The version of the rules in use: a content hash of every rule file and of the clause model, so a stored
// analysis can tell whether it was made with the same rules. Worked out once per process for each set of
// folders: a run asks for it several times (the term database, the report's opening and its end), and the
// rules of a run are those it started with.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listYamlFiles } from './compiled-rules.js';
import { CLAUSE_MODEL_FILE } from '../paths.js';

const known = new Map<string, string>();

export function rulesVersion(dirs: readonly string[], modelFile: string = CLAUSE_MODEL_FILE): string {
  const key = JSON.stringify([dirs, modelFile]);
  let v = known.get(key);
  if (v === undefined) known.set(key, (v = hashRules(dirs, modelFile)));
  return v;
}

function hashRules(dirs: readonly string[], modelFile: string): string {
  const h = createHash('sha256');
  for (const dir of dirs) {
    for (const f of listYamlFiles(dir)) {
      h.update(path.relative(dir, f)).update('\0').update(readFileSync(f)).update('\0');
    }
  }
  if (existsSync(modelFile)) h.update('model\0').update(readFileSync(modelFile)).update('\0');
  return h.digest('hex').slice(0, 12);
}
