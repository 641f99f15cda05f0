// The portfolio stage as one pure step: analysed documents, the user's config, the portfolio rules and
// the playbook in; the findings and the report's portfolio part (key terms, calendar, burden score and,
// for `check`, the draft's deviations from the playbook and its term priority matrix) out.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DocumentResult, Finding, PortfolioSummary, Severity } from '../schema.js';
import { checkPortfolio, finishFindings, streamFindings, type FindingSink } from './findings.js';
import type { PortfolioRule } from './load.js';
import type { SpreadCheck } from './spec.js';
import type { Config } from '../config/config.js';
import { buildPortfolio } from './portfolio.js';
import { deviationsOf, prioritiesOf, type Playbook } from './playbook.js';
import { summarize } from './summary.js';

export { checkPortfolio, findingIdentity, findingOrder, finishFindings, type FindingSink } from './findings.js';
export { loadPortfolioRules, type PortfolioRule } from './load.js';
export { exampleDocuments, runPortfolioExamples } from './examples.js';
export { portfolioInput } from './portfolio.js';
export { loadPlaybook, type Playbook } from './playbook.js';

export interface PortfolioRun {
  documents: readonly DocumentResult[];
  rules: readonly PortfolioRule[];
  config?: Config;
  configFile?: string;
  playbook?: Playbook;
  draft?: string;
  minSeverity?: Severity;
  today?: string;
  /** the user's own party name given on the command line (`--me`) */
  me?: string;
}

/**
 * A digest of everything runPortfolio's result depends on but the documents: the rules, clausemap.yaml
 * (and where it is), the playbook, the draft, the minimum severity, the date, the working folder (paths
 * are resolved against it) and `code`, the version of the code that runs the stage. Then `documents`:
 * a digest of each analysed document, in input order.
 */
export function portfolioDigest(
  r: Omit<PortfolioRun, 'documents'> & { code: string; today: string; cwd: string },
  documents: Iterable<string>,
): string {
  const h = createHash('sha256');
  const part = (x: unknown) => h.update(JSON.stringify(x) ?? 'undefined').update('\0');
  part([
    'portfolio-stage/1',
    r.code,
    r.cwd,
    r.today,
    r.draft,
    r.minSeverity,
    r.me,
    r.configFile,
    r.config,
    r.playbook,
    r.rules,
  ]);
  for (const d of documents) h.update(d).update('\0');
  return h.digest('hex');
}

/**
 * The stage with every finding given to `sink` (which dedupes, drops those below the minimum severity
 * and sorts them, as finishFindings does), so that no list of them is held here; the portfolio part is
 * returned. Without a draft the findings reach the sink as the checks find them.
 */
export function runPortfolioInto(r: PortfolioRun, sink: FindingSink): PortfolioSummary {
  const config = r.config ?? {};
  const docs = r.documents.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const p = buildPortfolio(docs, config, {
    ...(r.draft ? { draft: r.draft } : {}),
    ...(r.configFile ? { configFile: r.configFile } : {}),
    ...(r.today ? { today: r.today } : {}),
    ...(r.me ? { me: r.me } : {}),
  });
  // the summary's burden score is the one a rule scores (a spread check with a minimum score)
  const burden = r.rules.flatMap((x) => x.checks).find((c): c is SpreadCheck => c.type === 'spread' && c.minScore > 0);
  const portfolio = summarize(p, burden);
  if (!r.draft) {
    streamFindings(p, r.rules, sink);
    return portfolio;
  }
  // `check` keeps only what the draft adds, and its priorities read those findings: a short list
  const findings = checkPortfolio(docs, r.rules, {
    config,
    draft: r.draft,
    ...(r.configFile ? { configFile: r.configFile } : {}),
    ...(r.today ? { today: r.today } : {}),
    ...(r.minSeverity ? { minSeverity: r.minSeverity } : {}),
    ...(r.me ? { me: r.me } : {}),
    portfolio: p,
  });
  for (const f of findings) sink.add(f);
  if (r.playbook) {
    const draft = p.contracts.find((c) => path.resolve(c.file) === path.resolve(r.draft!));
    if (draft) {
      const devs = deviationsOf(draft, r.playbook, p);
      portfolio.deviations = devs.map(({ pos: _pos, ...d }) => d);
      portfolio.priorities = prioritiesOf(devs, findings, draft.file);
    }
  }
  return portfolio;
}

export function runPortfolio(r: PortfolioRun): { findings: Finding[]; portfolio: PortfolioSummary } {
  const found: Finding[] = [];
  const portfolio = runPortfolioInto(r, { add: (f) => found.push(f) });
  return { findings: finishFindings(found, r.minSeverity), portfolio };
}
