// Clause rules as the matcher uses them: each rule's patterns compiled, and the rules of a folder read
// from the checked values an earlier process kept (package-cache.ts). Nothing here needs the schema, so a
// process whose rules are all kept never loads zod; clause-rules.ts reads and checks the YAML itself.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { didYouMean, readTextCapped } from '../yaml-load.js';
import { cachedValue } from '../package-cache.js';
import { knownExtractors } from './attributes/index.js';
import type { Assertion, ClauseRuleSpec } from './clause-rules.js';

export interface CompiledAlternative {
  any: RegExp[];
  all: RegExp[];
  not: RegExp[];
  heading?: RegExp;
  headingOrText: boolean;
  notHeading?: RegExp;
  bareHeading: boolean;
  notInPart: boolean;
  /** the rule's `asserts`: a trigger whose governing words deny it does not match */
  asserts?: Assertion;
}

export interface ClauseRule extends ClauseRuleSpec {
  id: string; // from the file path: "<family>/<name>"
  file: string;
  compiledGate?: RegExp;
  compiled: CompiledAlternative[];
}

const re = (s: string) => new RegExp(s, 'i');

export function compileRule(spec: ClauseRuleSpec, id: string, file: string): ClauseRule {
  return {
    ...spec,
    id,
    file,
    compiledGate: spec.gate ? re(spec.gate) : undefined,
    compiled: spec.match.map((a) => ({
      any: a.any.map(re),
      all: (a.all ?? []).map(re),
      not: (a.not ?? []).map(re),
      heading: a.heading ? re(a.heading) : undefined,
      headingOrText: a.headingOrText ?? false,
      notHeading: a.notHeading ? re(a.notHeading) : undefined,
      bareHeading: a.bareHeading ?? true,
      notInPart: a.notScope === 'part',
      ...(spec.asserts ? { asserts: spec.asserts } : {}),
    })),
  };
}

export function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * What the schema cannot see: a rule's file is named for its category (`<family>/<name>.yaml` for
 * `<family>.<name>`, so a rule is found where its category says), and `attributes:` names extractors
 * that exist.
 */
export function ruleProblems(spec: ClauseRuleSpec, file: string): Array<{ path: PropertyKey[]; message: string }> {
  const out: Array<{ path: PropertyKey[]; message: string }> = [];
  const want = spec.category.replace('.', '/');
  const is = `${path.basename(path.dirname(file))}/${path.basename(file).replace(/\.ya?ml$/i, '')}`;
  if (is !== want)
    out.push({
      path: ['category'],
      message: `category "${spec.category}" belongs in ${want}.yaml, not ${is}.yaml: move the file or correct the category`,
    });
  const known = knownExtractors();
  (spec.attributes ?? []).forEach((a, i) => {
    if (!known.includes(a))
      out.push({
        path: ['attributes', i],
        message: `attributes: no extractor is called "${a}"${didYouMean(a, known)}; the extractors are listed in src/extract/attributes/index.ts`,
      });
  });
  return out;
}

/**
 * The rules of `dir` from the checked values kept for their files, or undefined when a file has none
 * kept (or has a problem): then clause-rules.ts's loadClauseRules reads and checks the folder.
 */
export function keptClauseRules(dir: string): ClauseRule[] | undefined {
  const rules: ClauseRule[] = [];
  for (const file of listYamlFiles(dir)) {
    let kept: { value: unknown } | undefined;
    try {
      kept = cachedValue(file, readTextCapped(file));
    } catch {
      return undefined;
    }
    if (!kept) return undefined;
    const spec = kept.value as ClauseRuleSpec;
    if (ruleProblems(spec, file).length) return undefined;
    rules.push(compileRule(spec, ruleId(dir, file), file));
  }
  return rules;
}

/** A rule's id, from its file's path under the rules folder: "<family>/<name>". */
export const ruleId = (dir: string, file: string): string =>
  path
    .relative(dir, file)
    .replace(/\\/g, '/')
    .replace(/\.ya?ml$/i, '');
