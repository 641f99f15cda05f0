// Shared by the end-to-end tests: analyse a fixture folder in-process (ingest + extract, the same code the
// pool's children run), and compare findings with an `expected.yaml` / `case.yaml` written next to the
// fixtures: every expected finding present with each of its files and clauses cited, no near miss cited.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { analyzeFile } from '../src/pipeline/analyze.js';
import { expandInputs } from '../src/pipeline/inputs.js';
import type { DocumentResult, Finding } from '../src/schema.js';

export const ROOT = path.resolve(__dirname, '..');
const clauseRules = loadClauseRules(path.join(ROOT, 'rules/clauses')).rules;

export async function analyzeAll(inputs: readonly string[]): Promise<DocumentResult[]> {
  const { files } = expandInputs(inputs);
  const out: DocumentResult[] = [];
  for (const f of files) out.push(await analyzeFile(f, clauseRules));
  return out;
}

export interface ExpectedClause {
  file: string;
  category: string;
  accept?: string[];
  quote: string;
  optional?: boolean;
  page?: number;
}
export interface ExpectedFinding {
  rule: string;
  files: string[];
  clauses: ExpectedClause[];
}
export interface Expected {
  findings?: ExpectedFinding[];
  near_misses?: Array<{ rule: string; clauses: ExpectedClause[] }>;
  expect?: 'fire' | 'quiet';
  rule?: string;
}

export function loadExpected(file: string): Expected {
  return parse(readFileSync(file, 'utf8')) as Expected;
}

const norm = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
const same = (a: string, b: string) => path.resolve(a) === path.resolve(b);

/** Does the cited clause quote this expected clause (same file, an accepted category, overlapping text)? */
export function quotes(c: Finding['clauses'][number], e: ExpectedClause, dir: string): boolean {
  if (!same(c.file, path.join(dir, e.file))) return false;
  if (![e.category, ...(e.accept ?? [])].includes(c.category)) return false;
  const t = norm(c.text),
    q = norm(e.quote);
  return t.includes(q) || (t.length >= 20 && q.includes(t));
}

/** Whether the rule fired on the expected contracts and cites a clause of each (empty when it did). */
export function notFound(findings: readonly Finding[], e: ExpectedFinding, dir: string): string[] {
  const want = e.files.map((f) => path.join(dir, f));
  const ok = findings.some(
    (f) =>
      f.ruleId === e.rule &&
      want.every((w) => f.documents.some((d) => same(d, w)) && f.clauses.some((c) => same(c.file, w))),
  );
  if (ok) return [];
  const ofRule = findings
    .filter((f) => f.ruleId === e.rule)
    .map((f) => `[${f.documents.map((d) => path.basename(d)).join(', ')}]`);
  return [
    `${e.rule} on ${e.files.join(' + ')}: not found with a clause of each contract cited${ofRule.length ? ` (the rule fired on ${ofRule.join(' ')})` : ''}`,
  ];
}

/** What is wrong with the findings against one expected finding, clause by clause (empty when it is found as described). */
export function missing(findings: readonly Finding[], e: ExpectedFinding, dir: string): string[] {
  const want = e.files.map((f) => path.join(dir, f));
  const candidates = findings.filter(
    (f) => f.ruleId === e.rule && want.every((w) => f.documents.some((d) => same(d, w))),
  );
  if (!candidates.length) {
    const ofRule = findings
      .filter((f) => f.ruleId === e.rule)
      .map((f) => `[${f.documents.map((d) => path.basename(d)).join(', ')}]`);
    return [
      `${e.rule} on ${e.files.join(' + ')}: not found${ofRule.length ? ` (the rule fired on ${ofRule.join(' ')})` : ''}`,
    ];
  }
  const best = candidates
    .map((f) => ({
      f,
      gaps: [
        ...want
          .filter((w) => !f.clauses.some((c) => same(c.file, w)))
          .map((w) => `no clause of ${path.basename(w)} cited`),
        ...e.clauses
          .filter((c) => !c.optional && !f.clauses.some((x) => quotes(x, c, dir)))
          .map((c) => `clause not cited: ${c.file} ${c.category} "${c.quote.slice(0, 60)}…"`),
      ],
    }))
    .sort((a, b) => a.gaps.length - b.gaps.length)[0]!;
  return best.gaps.map((g) => `${e.rule} on ${e.files.join(' + ')}: ${g}`);
}

/** Near misses: the rule must not cite these clauses. */
export function nearMissHits(
  findings: readonly Finding[],
  nm: NonNullable<Expected['near_misses']>[number],
  dir: string,
): string[] {
  const out: string[] = [];
  for (const f of findings.filter((x) => x.ruleId === nm.rule)) {
    for (const c of nm.clauses) {
      if (
        f.clauses.some(
          (x) =>
            same(x.file, path.join(dir, c.file)) &&
            (norm(x.text).includes(norm(c.quote)) || norm(c.quote).includes(norm(x.text))) &&
            norm(x.text).length >= 20,
        )
      ) {
        out.push(`${nm.rule} cites a near miss: ${c.file} "${c.quote.slice(0, 60)}…" — ${f.message.slice(0, 120)}`);
      }
    }
  }
  return out;
}
