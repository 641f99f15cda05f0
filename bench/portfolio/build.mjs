// Builds the portfolio benchmark's scenarios: reads each scenario (bench/portfolio/scenarios/*.yaml),
// takes the CUAD clauses it names from ../shared/corpus/cuad at build time, rewrites their party names,
// assembles every contract in its frame and writes it as TXT, DOCX or PDF into a folder of its own,
// with a clausemap.yaml that says who "me" is and the date to judge "now" by.
//
// The repository holds no corpus text: only the references (contract file, category, span index).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { render } from './render.mjs';
import { ScenarioSchema } from './schema.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const SCENARIOS = path.join(HERE, 'scenarios');
export const SHARED = path.resolve(ROOT, '..', 'shared');
const RULES = path.join(ROOT, 'rules', 'portfolio');

// ---------------------------------------------------------------- scenarios

/** Every scenario, validated; a bad one stops the build with its file and what is wrong. */
export function loadScenarios(dir = SCENARIOS) {
  const rules = new Set(
    readdirSync(RULES)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5)),
  );
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const where = path.join('bench/portfolio/scenarios', f);
      const parsed = ScenarioSchema.safeParse(parseYaml(readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new Error(`${where}: ${i.path.join('.') || '(top)'}: ${i.message}`);
      }
      for (const e of [...parsed.data.expect, ...parsed.data.allow])
        if (!rules.has(e.rule)) throw new Error(`${where}: no portfolio rule "${e.rule}" in rules/portfolio`);
      return { name: f.slice(0, -5), ...parsed.data };
    });
}

// ---------------------------------------------------------------- CUAD spans

/** The CUAD labels by .txt file name, with the contract texts read on demand. */
export function openCuad(shared = SHARED) {
  const dir = path.join(shared, 'corpus', 'cuad');
  const byFile = new Map();
  for (const line of readFileSync(path.join(dir, 'labels.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line);
    byFile.set(path.basename(rec.txt), rec);
  }
  const texts = new Map();
  const textOf = (file) => {
    if (!texts.has(file)) texts.set(file, squash(readFileSync(path.join(dir, 'txt', file), 'utf8')));
    return texts.get(file);
  };
  return { byFile, textOf };
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces whole words (case-sensitive), longest names first, so "Aura Systems" goes before "Aura". */
export function rename(text, map) {
  let out = text;
  for (const from of Object.keys(map).sort((a, b) => b.length - a.length))
    out = out.replace(new RegExp(`(?<![\\w-])${escapeRe(from)}(?![\\w-])`, 'g'), map[from]);
  return out;
}

/** The names a CUAD contract's Parties label gives: each span, and the quoted names inside it. */
export function partyNames(rec) {
  const names = new Set();
  for (const span of rec.labels.Parties?.spans ?? []) {
    const quoted = [...span.matchAll(/["“']([^"”']{2,60})["”']/g)].map((m) => m[1]);
    for (const n of [span, ...quoted]) {
      const t = n.replace(/^[\s("“',;]+|[\s)"”',;.]+$/g, '').replace(/^the\s+/i, '');
      if (t.length >= 3 && t.length <= 60 && !/\b(referred|collectively|individually)\b/i.test(t)) names.add(t);
    }
  }
  return [...names];
}

/** A CUAD party name still in `text` (whole word, any case), other than the words this contract itself uses. */
export function leftoverName(text, names, allowed) {
  const ok = new Set(allowed.map((a) => a.toLowerCase()));
  return names.find(
    (n) => !ok.has(n.toLowerCase()) && new RegExp(`(?<![\\w-])${escapeRe(n)}(?![\\w-])`, 'i').test(text),
  );
}

/** The text of one CUAD reference, party names rewritten; throws when it is not in the labels. */
export function cuadClause(cuad, ref, allowed, where) {
  const rec = cuad.byFile.get(ref.cuad);
  if (!rec) throw new Error(`${where}: no CUAD contract "${ref.cuad}" in labels.jsonl`);
  const spans = rec.labels[ref.category]?.spans ?? [];
  const raw = spans[ref.span];
  if (raw === undefined)
    throw new Error(`${where}: ${ref.cuad} has ${spans.length} "${ref.category}" span(s), not a span ${ref.span}`);
  const pieces = raw.split('<omitted>').map(squash).filter(Boolean);
  if (ref.piece !== undefined && !pieces[ref.piece])
    throw new Error(`${where}: the span has ${pieces.length} piece(s), not a piece ${ref.piece}`);
  const chosen = ref.piece !== undefined ? [pieces[ref.piece]] : pieces;
  const text = cuad.textOf(ref.cuad);
  for (const p of chosen)
    if (!text.includes(p)) throw new Error(`${where}: a span of ${ref.cuad} is not in its text: "${p.slice(0, 60)}"`);
  const out = rename(chosen.join(' '), ref.rename);
  const left = leftoverName(out, partyNames(rec), allowed);
  if (left) throw new Error(`${where}: the clause from ${ref.cuad} still names "${left}": add it to rename`);
  return out;
}

// ---------------------------------------------------------------- frames

const MONTHS = 'January February March April May June July August September October November December'.split(' ');
const longDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
};
const WORDS =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
    ' ',
  );
const TENS = { 20: 'twenty', 30: 'thirty', 40: 'forty', 50: 'fifty', 60: 'sixty' };
const inWords = (n) => (n <= 20 ? WORDS[n] : TENS[n - (n % 10)] + (n % 10 ? `-${WORDS[n % 10]}` : ''));
const COUNTRIES = /England|Wales|Germany|Japan|Ireland|Singapore|Netherlands|Ontario|France|Switzerland|Canada/;

/** The blocks of one contract: frame, recitals, definitions, the scenario's sections, term, general, signatures, schedules. */
export function assemble(scenario, contract, cuad) {
  const where = `${scenario.name}/${contract.file}`;
  const me = scenario.me;
  const cl = contract.client;
  const self = contract.frame === 'sow' ? 'this SOW' : 'this Agreement';
  const Self = self[0].toUpperCase() + self.slice(1);
  const allowed = [me.name, contract.meRole, cl.name, cl.role, 'Party', 'Parties', 'party', 'parties'];
  const clauseText = (c, at) =>
    typeof c === 'string' ? c : 'glue' in c ? c.glue : cuadClause(cuad, c, allowed, `${where} ${at}`);
  const blocks = [{ type: 'title', text: contract.title }];
  const parties = `${cl.name}, ${cl.entity} ("${cl.role}"), and ${me.name}, ${me.entity} ("${contract.meRole}")`;
  if (contract.frame === 'sow') {
    if (!contract.master) throw new Error(`${where}: a statement of work names its master agreement`);
    blocks.push({
      type: 'para',
      text: `This ${contract.title} (this "SOW") is entered into as of ${longDate(contract.date)} (the "SOW Effective Date") under the ${contract.master.title} dated ${longDate(contract.master.date)} (the "Master Agreement") between ${parties}. This SOW forms part of the Master Agreement; capitalised terms used and not defined in this SOW have the meanings given to them in the Master Agreement.`,
    });
  } else {
    blocks.push({
      type: 'para',
      text: `This ${contract.title} (this "Agreement") is made and entered into as of ${longDate(contract.date)} (the "Effective Date") by and between ${parties}. ${cl.role} and ${contract.meRole} are each a "Party" and together the "Parties".`,
    });
  }
  const recitals = [
    cl.business && `${cl.role} ${cl.business}`,
    `${contract.meRole} ${me.business}`,
    ...contract.recitals,
  ].filter(Boolean);
  if (contract.frame !== 'sow') {
    blocks.push({ type: 'heading', text: 'Recitals' });
    recitals.forEach((r, i) => blocks.push({ type: 'para', num: `${String.fromCharCode(65 + i)}.`, text: `${r}.` }));
    blocks.push({
      type: 'para',
      text: 'NOW, THEREFORE, in consideration of the mutual covenants and agreements set out below, the Parties agree as follows:',
    });
  } else recitals.slice(2).forEach((r) => blocks.push({ type: 'para', text: `${r}.` }));
  let n = 0;
  if (contract.definitions.length) {
    n++;
    blocks.push({ type: 'heading', text: `${n}. Definitions` });
    contract.definitions.forEach((d, j) =>
      blocks.push({ type: 'para', num: `${n}.${j + 1}`, text: `"${d.term}" means ${d.means.replace(/\.$/, '')}.` }),
    );
  }
  contract.sections.forEach((s, si) => {
    n++;
    blocks.push({ type: 'heading', text: `${n}. ${s.heading}` });
    s.clauses.forEach((c, j) =>
      blocks.push({
        type: 'para',
        num: `${n}.${j + 1}`,
        runIn: typeof c === 'string' ? undefined : c.heading,
        text: clauseText(c, `sections[${si}].clauses[${j}]`),
      }),
    );
  });
  n++;
  const term =
    contract.term ??
    `${Self} commences on the ${contract.frame === 'sow' ? 'SOW ' : ''}Effective Date and, unless terminated earlier in accordance with its terms, continues for a period of ${inWords(contract.months)} (${contract.months}) months.`;
  blocks.push({ type: 'heading', text: `${n}. Term` });
  blocks.push({ type: 'para', num: `${n}.1`, runIn: 'Term.', text: term });
  if (contract.frame !== 'sow') {
    n++;
    const law = COUNTRIES.test(contract.law) ? contract.law : `the State of ${contract.law}`;
    blocks.push({ type: 'heading', text: `${n}. General` });
    blocks.push({
      type: 'para',
      num: `${n}.1`,
      runIn: 'Governing Law.',
      text: `${Self} shall be governed by and construed in accordance with the laws of ${law}, without regard to its conflict of laws principles.`,
    });
    blocks.push({
      type: 'para',
      num: `${n}.2`,
      runIn: 'Entire Agreement.',
      text: `${Self}, including its schedules, is the entire agreement between the Parties on its subject matter and supersedes all prior proposals, negotiations and understandings. It may be amended only in a writing signed by both Parties.`,
    });
    blocks.push({
      type: 'para',
      num: `${n}.3`,
      runIn: 'Counterparts.',
      text: `${Self} may be signed in counterparts, each of which is an original and all of which together are one instrument.`,
    });
  }
  blocks.push({
    type: 'para',
    text: `IN WITNESS WHEREOF, the Parties have caused ${self} to be executed by their duly authorised representatives as of the date first written above.`,
  });
  for (const name of [cl.name, me.name])
    blocks.push({ type: 'para', text: `${name.toUpperCase()} By: ______________________ Name: Title: Date:` });
  contract.schedules.forEach((s, si) => {
    blocks.push({ type: 'pagebreak' });
    blocks.push({ type: 'heading', text: `Schedule ${String.fromCharCode(65 + si)}: ${s.title}` });
    s.clauses.forEach((c, j) =>
      blocks.push({
        type: 'para',
        num: `${j + 1}.`,
        runIn: typeof c === 'string' ? undefined : c.heading,
        text: clauseText(c, `schedules[${si}].clauses[${j}]`),
      }),
    );
  });
  return {
    title: contract.title,
    author: cl.name,
    header: `${cl.name} / ${me.name}: ${contract.title}`,
    footer: `${contract.title}: Confidential`,
    blocks,
  };
}

// ---------------------------------------------------------------- build

/**
 * Builds one scenario into `outDir/<name>/`: the contracts (a check scenario's draft in `draft/`, the
 * others in `signed/`) and clausemap.yaml. Returns where everything is, and each contract's CUAD sources.
 */
export async function buildScenario(scenario, outDir, cuad) {
  const dir = path.join(outDir, scenario.name);
  const signed = scenario.draft ? path.join(dir, 'signed') : dir;
  mkdirSync(signed, { recursive: true });
  const files = [];
  for (const c of scenario.contracts) {
    const isDraft = c.file === scenario.draft;
    const folder = isDraft ? path.join(dir, 'draft') : signed;
    mkdirSync(folder, { recursive: true });
    const doc = assemble(scenario, c, cuad);
    const file = path.join(folder, c.file);
    writeFileSync(file, await render(doc, c.file));
    const refs = [...c.sections.flatMap((s) => s.clauses), ...c.schedules.flatMap((s) => s.clauses)].filter(
      (x) => typeof x === 'object' && 'cuad' in x,
    );
    files.push({ file: c.file, path: file, draft: isDraft, cuad: refs, client: c.client.name });
  }
  const config = { me: scenario.me.name, today: scenario.today, ...scenario.config };
  writeFileSync(
    path.join(dir, 'clausemap.yaml'),
    `# Built by the portfolio benchmark from bench/portfolio/scenarios/${scenario.name}.yaml\n${stringifyYaml(config)}`,
  );
  return {
    name: scenario.name,
    dir,
    inputs: signed,
    draft: scenario.draft ? files.find((f) => f.draft).path : undefined,
    files,
  };
}

/** Whether the corpus the builder reads is there. */
export const hasCuad = (shared = SHARED) => existsSync(path.join(shared, 'corpus', 'cuad', 'labels.jsonl'));
