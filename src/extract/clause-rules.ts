// Clause rules: YAML files under rules/clauses/<family>/<name>.yaml, validated at load time.
// Each rule gives one category and one or more alternatives (phrase patterns with exceptions, optional
// heading context), plus positive and negative examples that the test suite runs.
import { z } from 'zod';
import { loadYaml, type LoadProblem } from '../yaml-load.js';
import { compileRule, listYamlFiles, ruleId, ruleProblems, type ClauseRule } from './compiled-rules.js';

const regexString = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    try {
      new RegExp(s, 'i');
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(e as Error).message}` });
    }
  });

export const AlternativeSchema = z
  .object({
    /** at least one must match the segment */
    any: z.array(regexString).min(1),
    /** every one must match too */
    all: z.array(regexString).optional(),
    /** none may match */
    not: z.array(regexString).optional(),
    /** the section heading must match (or, with `headingOrText`, the heading or the segment) */
    heading: regexString.optional(),
    headingOrText: z.boolean().optional(),
    /** the heading must not match */
    notHeading: regexString.optional(),
    /**
     * false: a segment that is only a numbered heading ("4.2. Right to Renew.") does not match. The segmenter keeps
     * a run-in heading as a segment of its own (as well as the heading of what follows), and for most categories
     * that heading is evidence; for some it names a subject without saying anything of it.
     */
    bareHeading: z.boolean().optional(),
    /**
     * "part": `not` is read only in the part of the segment the trigger lies in (between semicolons and the markers of
     * an inline list, "(ii)", "; (b)"), so that a breach named in another item of the list does not rule out this one
     */
    notScope: z.enum(['segment', 'part']).optional(),
  })
  .strict();

/** what a category can assert, and so what a segment can deny: a grant, a restriction, an obligation, a right */
export const ASSERTIONS = ['grant', 'restriction', 'obligation', 'right'] as const;
export type Assertion = (typeof ASSERTIONS)[number];

export const ClauseRuleSchema = z
  .object({
    category: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'category ids look like "family.name"'),
    title: z.string().min(1),
    description: z.string().min(1),
    /**
     * optional speed gate: a cheap pattern (usually a few word stems) that the rule's matches contain; a segment
     * without it is not tried against the alternatives, so the gate is part of the rule
     */
    gate: regexString.optional(),
    /** attribute extractors to run on each clause found */
    attributes: z.array(z.string()).optional(),
    /**
     * what a clause of the category asserts: a segment whose governing words deny it ("Nothing in this Agreement
     * shall be construed as granting", "does not create any exclusivity") is not the category (see `deniedAt`
     * in index.ts)
     */
    asserts: z.enum(ASSERTIONS).optional(),
    match: z.array(AlternativeSchema).min(1),
    examples: z
      .object({
        positive: z.array(z.string().min(1)).min(1),
        negative: z.array(z.string().min(1)).min(1),
      })
      .strict(),
  })
  .strict();
export type ClauseRuleSpec = z.infer<typeof ClauseRuleSchema>;

export function loadClauseRules(dir: string): { rules: ClauseRule[]; problems: LoadProblem[] } {
  const rules: ClauseRule[] = [];
  const problems: LoadProblem[] = [];
  for (const file of listYamlFiles(dir)) {
    const r = loadYaml(file, ClauseRuleSchema);
    if (!r.ok) {
      problems.push(...r.problems);
      continue;
    }
    const bad = ruleProblems(r.value, file);
    for (const b of bad) problems.push({ file, ...r.at(b.path), message: b.message });
    if (!bad.length) rules.push(compileRule(r.value, ruleId(dir, file), file));
  }
  return { rules, problems };
}
