// The check stage's findings: cross-contract rules run over the portfolio model, then one chain for every
// finding list: dedupe → minimum severity → stable sort, so the output does not depend on the order
// documents finished in. Pure: documents, config and rules in, findings out.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { SEVERITY_ORDER, type DocumentResult, type Finding, type Severity } from '../schema.js';
import { runCheck } from './checks.js';
import type { PortfolioRule } from './load.js';
import { buildPortfolio, type Portfolio } from './portfolio.js';

export interface CheckOptions {
  /** file of the draft, for `check`: only the findings the draft adds are kept */
  draft?: string;
  config?: Config;
  configFile?: string;
  /** "now" for periods and the calendar (ISO date); default the config's, else today */
  today?: string;
  /** drop findings below this severity */
  minSeverity?: Severity;
  /** the portfolio model already built from these documents with these options (it is not built again) */
  portfolio?: Portfolio;
  /** the user's own party name given on the command line (`--me`) */
  me?: string;
}

/**
 * A finding's id: its rule, and the contracts (by file name) and kinds of clause it rests on, hashed. It stays
 * the same on every run over the same contracts, wherever their folder is, so clausemap.yaml can waive it.
 */
export function findingId(ruleId: string, part: string, f: Pick<Finding, 'documents' | 'clauses'>): string {
  const h = createHash('sha256')
    .update(ruleId)
    .update('\0')
    .update(part)
    .update('\0')
    .update(
      f.documents
        .map((d) => path.basename(d))
        .sort()
        .join('\0'),
    )
    .update('\0')
    .update(
      f.clauses
        .map((c) => `${path.basename(c.file)}:${c.category}:${c.text.replace(/\s+/g, ' ').trim().slice(0, 200)}`)
        .sort()
        .join('\0'),
    );
  return `${ruleId.replace(/^portfolio\//, '')}-${h.digest('hex').slice(0, 8)}`;
}

/** The finding as clausemap.yaml's `waive:` leaves it: with the user's reason where its id is listed. */
function waived(f: Finding, config: Config): Finding {
  const w = f.id ? config.waive?.find((x) => x.id === f.id) : undefined;
  return w ? { ...f, waived: w.reason } : f;
}

interface Keyed {
  finding: Finding;
  key: string;
  lead: string;
}

function* findingsOf(p: Portfolio, rules: readonly PortfolioRule[], draft: string | undefined): Generator<Keyed> {
  // the draft given to `check`, and any contract clausemap.yaml marks as a draft
  const drafts = new Set(p.contracts.filter((c) => c.status === 'draft').map((c) => path.resolve(c.file)));
  if (draft !== undefined) drafts.add(path.resolve(draft));
  const isDraft = (f: string) => drafts.has(path.resolve(f));
  for (const rule of rules) {
    for (const [i, ch] of rule.checks.entries()) {
      for (const raw of runCheck(p, ch)) {
        const involvesDraft = raw.documents.some(isDraft);
        yield {
          key: `${rule.id}#${ch.id ?? i}|${raw.key}`,
          lead: raw.message,
          finding: {
            ruleId: `portfolio/${rule.id}`,
            severity: raw.review ? 'low' : (raw.severity ?? ch.severity ?? rule.severity),
            title: `${raw.review ? 'Needs review: ' : ''}${ch.title ?? rule.title}`,
            message: `${raw.message} ${rule.explanation.trim()}`,
            why: raw.why,
            suggestion: `Ask: ${rule.suggestion.ask.trim()} Fallback: ${rule.suggestion.fallback.trim()}`,
            documents: raw.documents,
            clauses: raw.clauses,
            ...(involvesDraft ? { draft: true } : {}),
            id: findingId(`portfolio/${rule.id}`, ch.id ?? String(i), raw),
          },
        };
      }
    }
  }
}

/**
 * Rules with `combine: true` report one finding: every item their checks found, together. The other
 * findings pass on as they come; the combined ones follow once every item is in.
 */
function* combine(items: Iterable<Keyed>, rules: readonly PortfolioRule[], p: Portfolio): Generator<Finding> {
  const byRule = new Map(rules.map((r) => [`portfolio/${r.id}`, r]));
  // contracts that share no party are combined apart: an archive of unrelated contracts is reviewed contract by
  // contract (group by group), never as one portfolio
  const groupOf = new Map(p.contracts.flatMap((c) => [c.file, ...(c.copies ?? [])].map((f) => [f, c.group])));
  const groups = new Map<string, { rule: PortfolioRule; ks: Keyed[] }>();
  for (const k of items) {
    const rule = byRule.get(k.finding.ruleId);
    if (!rule?.combine) {
      yield k.finding;
      continue;
    }
    const key = `${rule.id}|${groupOf.get(k.finding.documents[0] ?? '') ?? 0}`;
    const g = groups.get(key) ?? { rule, ks: [] };
    g.ks.push(k);
    groups.set(key, g);
  }
  for (const { rule, ks } of groups.values()) {
    if (ks.length === 1) {
      yield ks[0]!.finding;
      continue;
    }
    const clauses = new Map<string, Finding['clauses'][number]>();
    for (const k of ks)
      for (const c of k.finding.clauses) clauses.set(`${c.file}@${c.start}-${c.end}:${c.category}`, c);
    const top = ks.reduce((a, b) => (SEVERITY_ORDER[b.finding.severity] > SEVERITY_ORDER[a.finding.severity] ? b : a));
    const documents = [...new Set(ks.flatMap((k) => k.finding.documents))];
    yield {
      ruleId: top.finding.ruleId,
      severity: top.finding.severity,
      title: rule.title,
      message: `${ks.map((k) => `${k.finding.title}: ${k.lead}`).join(' ')} ${rule.explanation.trim()}`,
      why: ks.map((k) => k.finding.why).join(' | '),
      ...(top.finding.suggestion ? { suggestion: top.finding.suggestion } : {}),
      documents,
      clauses: [...clauses.values()],
      ...(ks.some((k) => k.finding.draft) ? { draft: true } : {}),
      id: findingId(top.finding.ruleId, 'combined', { documents, clauses: [] }),
    };
  }
}

/** What makes two findings the same one: the first of them is kept. */
export function findingIdentity(f: Finding): string {
  return [
    f.ruleId,
    f.documents.slice().sort().join('|'),
    f.clauses
      .map((c) => `${c.file}@${c.start}-${c.end}:${c.category}`)
      .sort()
      .join('|'),
    f.message,
  ].join('#');
}

/**
 * The order of a report's findings, most severe first, as the fields compared one after another (strings
 * by UTF-16 code unit, as `<` compares them); ties keep the order the findings were found in.
 */
export function findingOrder(
  f: Finding,
): [severity: number, ruleId: string, documents: string, start: number, message: string] {
  return [SEVERITY_ORDER[f.severity], f.ruleId, f.documents.join('|'), f.clauses[0]?.start ?? 0, f.message];
}

/** Where findings go when they are not all held at once: dedupe, minimum severity and order are its work. */
export interface FindingSink {
  add(f: Finding): void;
}

/** The chain every finding list goes through: dedupe → minimum severity → stable sort. */
export function finishFindings(items: Iterable<Finding>, minSeverity?: Severity): Finding[] {
  const seen = new Set<string>();
  const unique: Finding[] = [];
  for (const f of items) {
    const k = findingIdentity(f);
    if (seen.has(k)) continue;
    seen.add(k);
    unique.push(f);
  }
  const min = minSeverity ? SEVERITY_ORDER[minSeverity] : 0;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return unique
    .filter((f) => SEVERITY_ORDER[f.severity] >= min)
    .map((f) => ({ f, o: findingOrder(f) }))
    .sort(({ o: a }, { o: b }) => b[0] - a[0] || cmp(a[1], b[1]) || cmp(a[2], b[2]) || a[3] - b[3] || cmp(a[4], b[4]))
    .map(({ f }) => f);
}

/** Documents in a stable order (by file), whatever order the pool finished them in. */
function stable(docs: readonly DocumentResult[]): DocumentResult[] {
  return docs.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function checkPortfolio(
  docs: readonly DocumentResult[],
  rules: readonly PortfolioRule[],
  opts: CheckOptions = {},
): Finding[] {
  const config = opts.config ?? {};
  const sorted = stable(docs);
  const p =
    opts.portfolio ??
    buildPortfolio(sorted, config, { draft: opts.draft, configFile: opts.configFile, today: opts.today, me: opts.me });
  const waive = (fs: Iterable<Finding>) => [...fs].map((f) => waived(f, config));
  if (!opts.draft) return finishFindings(waive(combine(findingsOf(p, rules, undefined), rules, p)), opts.minSeverity);
  // `check`: keep what the draft adds: findings involving it that do not exist among the signed contracts alone
  const draft = path.resolve(opts.draft);
  const signed = sorted.filter((d) => path.resolve(d.file) !== draft);
  const before = new Set<string>();
  for (const k of findingsOf(
    buildPortfolio(signed, config, { configFile: opts.configFile, today: opts.today, me: opts.me }),
    rules,
    undefined,
  ))
    before.add(k.key);
  const conflictRule = new Map(rules.map((r) => [`portfolio/${r.id}`, r.conflict]));
  const added = [...findingsOf(p, rules, opts.draft)].filter(
    (k) => k.finding.draft && !before.has(k.key) && conflictRule.get(k.finding.ruleId) !== false,
  );
  return finishFindings(waive(combine(added, rules, p)), opts.minSeverity);
}

/**
 * An audit's findings (no draft), given to `sink` one at a time as the checks find them, undeduplicated and
 * in the order found: the sink dedupes, drops those below the minimum severity and sorts, as finishFindings
 * does. Nothing here holds the findings of the whole portfolio.
 */
export function streamFindings(p: Portfolio, rules: readonly PortfolioRule[], sink: FindingSink): void {
  for (const f of combine(findingsOf(p, rules, undefined), rules, p)) sink.add(waived(f, p.config));
}
