#!/usr/bin/env node
// Writes rules/data/defined-term-words.yaml: the words contracts capitalise inside a sentence as a matter of
// course ("the Licensed Software", "any Confidential Information", "the Territory"), counted on the CUAD
// development contracts in ../shared/corpus/cuad/txt. A word capitalised there in at least MIN_CONTRACTS
// different contracts is a defined-term word; a capitalised name none of whose words is one ("the Lexigrid
// MedTerm Termbase") is the name of one particular thing, which the background-IP rule compares across
// contracts. Deterministic: the same texts give the same file.
//
//   node scripts/make-defined-term-words.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(root, '../shared/corpus/cuad/txt');
const MIN_CONTRACTS = 3;
const seen = new Map();
for (const f of readdirSync(dir).sort()) {
  const text = readFileSync(path.join(dir, f), 'utf8');
  const words = new Set();
  // a capital after a lower-case word or a comma, with at most one short word between: not a sentence's first word
  for (const m of text.matchAll(
    /(?<=[a-z,;:]\s+(?:(?:the|of|and|or|any|in|to|a|an|its|such|all|each)\s+)?)[A-Z][a-z][A-Za-z'-]*/g,
  ))
    words.add(m[0].toLowerCase().replace(/['’]s$/, ''));
  for (const w of words) seen.set(w, (seen.get(w) ?? 0) + 1);
}
const list = [...seen]
  .filter(([, n]) => n >= MIN_CONTRACTS)
  .map(([w]) => w)
  .sort();
const lines = [];
for (let i = 0; i < list.length; i += 12) lines.push('  ' + list.slice(i, i + 12).join(', ') + ',');
writeFileSync(
  path.join(root, 'rules/data/defined-term-words.yaml'),
  `# Words contracts capitalise inside a sentence as a matter of course: capitalised in at least ${MIN_CONTRACTS} of the\n` +
    `# CUAD development contracts (written by scripts/make-defined-term-words.mjs; lower case, whole words).\n` +
    `# A name none of whose words is here names one particular thing ("the Lexigrid MedTerm Termbase").\n` +
    `words: [\n${lines.join('\n')}\n]\n`,
);
console.log(`${list.length} words written to rules/data/defined-term-words.yaml`);
