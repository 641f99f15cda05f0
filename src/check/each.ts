// `each` checks: one fact of one contract (an uncapped indemnity, a cap above the user's insurance).
import { cite, name, num } from './portfolio.js';
import type { Portfolio } from './portfolio.js';
import { active, base, select, valuesLine, type RawFinding } from './select.js';
import type { EachCheck } from './spec.js';
import { valueLabel, valueWords } from '../value-words.js';

export function runEach(p: Portfolio, ch: EachCheck): RawFinding[] {
  const out: RawFinding[] = [];
  for (const c of active(p)) {
    if (ch.unless && select(c, ch.unless).length) continue;
    for (const f of select(c, ch.select)) {
      let extra = '';
      if (ch.above) {
        const v = num(f.values[ch.above.value]);
        const set = ch.above.config === 'insurance.amount' ? p.config.insurance?.amount : p.config.capacityHoursPerWeek;
        const mine = set ?? ch.above.default;
        if (v === undefined || mine === undefined || !(v > mine)) continue;
        const yours = ch.above.config === 'insurance.amount' ? 'insurance cover' : 'weekly capacity';
        extra = `; the ${valueLabel(ch.above.value)} of ${valueWords(ch.above.value, v)} is above your ${yours} of ${valueWords(ch.above.value, mine)}${set !== undefined ? ' (clausemap.yaml)' : ` (assumed; set ${ch.above.config} in clausemap.yaml)`}`;
      }
      out.push({
        message: `${name(c)}: ${f.category.replace(/^[a-z]+\./, '').replace(/-/g, ' ')} — ${valuesLine(f)}.`,
        why: `${base(c.file)} ${f.category}: ${valuesLine(f)}${extra}.`,
        documents: [c.file],
        clauses: [cite(f)],
        key: `${c.file}|${f.clause.start}|${f.category}`,
      });
    }
  }
  return out;
}
