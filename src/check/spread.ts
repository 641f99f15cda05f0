// `spread` checks: how many different values one term takes across clients (payment days, invoicing
// formats, notice periods), alone or weighed together as an administrative burden score.
import { cite, normName, type Contract, type Fact, type Portfolio } from './portfolio.js';
import { active, base, fmt, whereHolds, type RawFinding } from './select.js';
import type { SpreadCheck } from './spec.js';

export interface SpreadResult {
  score: number;
  /** `values` by value read; a field whose values all come from one client has none (no spread across clients) */
  fields: Array<{ label: string; values: Map<string, Fact[]>; weight: number; alone: boolean; minRatio: number }>;
}

/** Who a contract is with: its counterparty (an MSA, its SOWs and amendments are one client), else the file. */
const clientOf = (c: Contract) => (c.counterparty ? `party:${normName(c.counterparty)}` : `file:${c.file}`);

/** The number of different clients among contracts in force. */
function clientCount(p: Portfolio): number {
  return new Set(active(p).map(clientOf)).size;
}

export function spreadOf(p: Portfolio, ch: SpreadCheck): SpreadResult {
  const cs = active(p);
  const fields = ch.fields.map((fd) => {
    const values = new Map<string, Fact[]>();
    const clients = new Set<string>();
    for (const c of cs) {
      const kinds: readonly string[] = Array.isArray(fd.fact) ? fd.fact : [fd.fact];
      const ok = (x: Fact) =>
        x.values[fd.value] !== undefined && x.values[fd.value] !== null && whereHolds(x.values, fd.where);
      const f = kinds.map((k) => c.facts.find((x) => x.kind === k && ok(x))).find((x) => x);
      if (!f) continue;
      const raw = f.values[fd.value];
      const v = Array.isArray(raw) ? raw.map(String).sort().join(' + ') : fmt(raw);
      values.set(v, [...(values.get(v) ?? []), f]);
      clients.add(clientOf(c));
    }
    // different terms within one client's contracts are that client's business, not a spread across clients
    if (clients.size < 2) values.clear();
    return { label: fd.label, values, weight: fd.weight, alone: fd.alone, minRatio: fd.minRatio };
  });
  const score = fields.reduce((s, f) => s + f.weight * Math.max(0, f.values.size - 1), 0);
  return { score: Math.round(score * 10) / 10, fields };
}

export function runSpread(p: Portfolio, ch: SpreadCheck): RawFinding[] {
  if (clientCount(p) < ch.minContracts) return [];
  const r = spreadOf(p, ch);
  const out: RawFinding[] = [];
  const describe = (f: SpreadResult['fields'][number]) =>
    `${f.label}: ${[...f.values.entries()].map(([v, fs]) => `${v} (${fs.map((x) => base(x.file)).join(', ')})`).join('; ')}`;
  for (const f of r.fields) {
    if (!f.alone || f.values.size < 2) continue;
    const nums = [...f.values.keys()].map(Number).filter((n) => Number.isFinite(n));
    if (nums.length === f.values.size) {
      const lo = Math.min(...nums),
        hi = Math.max(...nums);
      if (lo > 0 && hi / lo < f.minRatio) continue;
    }
    const facts = [...f.values.values()].flat();
    out.push({
      message: `Different ${f.label} across your clients: ${[...f.values.keys()].join(' vs ')}.`,
      why: describe(f) + '.',
      documents: [...new Set(facts.map((x) => x.file))],
      clauses: facts.map((x) => cite(x)),
      key: `alone|${f.label}`,
    });
  }
  const spread = r.fields.filter((f) => !f.alone && f.values.size >= 2);
  if (ch.minScore > 0 && r.score >= ch.minScore && spread.length) {
    const facts = spread.flatMap((f) => [...f.values.values()].flat());
    out.push({
      message: `Administrative burden score ${r.score}: ${spread.map((f) => `${f.values.size} different ${f.label}`).join(', ')}.`,
      why: `score = Σ weight × (different values − 1) = ${r.score} ≥ ${ch.minScore}. ${spread.map(describe).join('. ')}.`,
      documents: [...new Set(facts.map((x) => x.file))],
      clauses: facts.map((x) => cite(x)),
      key: 'score',
    });
  }
  return out;
}
