// What the checks know of the world beyond the contracts: places (rules/data/geography.yaml), industries
// (rules/data/industries.yaml, NAICS codes) and the words contracts capitalise as defined terms
// (rules/data/defined-term-words.yaml), so that two territories, two fields or two named things are compared
// by what they name rather than by the words they share. The tables are data, loaded once and checked with zod; the
// lookups are pure.
import path from 'node:path';
import { z } from 'zod';
import { RULES_DATA_DIR } from '../paths.js';
import { loadYaml } from '../yaml-load.js';

const GeographySchema = z
  .object({
    places: z.record(
      z.string(),
      z.object({ names: z.array(z.string().min(1)).min(1), in: z.array(z.string()).optional() }).strict(),
    ),
  })
  .strict();

const IndustriesSchema = z
  .object({
    industries: z.record(
      z.string().regex(/^\d{2,6}$/, 'industry codes are NAICS codes of 2 to 6 digits'),
      z.object({ title: z.string().min(1), words: z.array(z.string().min(1)).min(1) }).strict(),
    ),
    facets: z.record(z.string(), z.record(z.string(), z.array(z.string().min(1)).min(1))).optional(),
    propertyKinds: z.array(z.string().regex(/^[a-z][a-z/ -]*$/, 'a property kind is lower-case words')).optional(),
  })
  .strict();

/** A matcher for a list of names: whole words, case-insensitive unless the name is written in capitals
 *  ("US", "AI"), a trailing `*` for any ending. Longer names are tried first, and a match takes its words, so
 *  "West Virginia" is not also "Virginia". */
interface Names {
  /** [pattern, which entry each alternative belongs to]: one ignoring case, one for names in capitals */
  parts: Array<{ re: RegExp; owners: string[] }>;
}

/** A name as a whole word; with `compound`, also as the first half of a hyphenated pair ("copper-gold deposits"
 *  are copper deposits), never as the second ("non-insurance"). */
function namePattern(n: string, compound = false): string {
  const star = n.endsWith('*');
  const body = (star ? n.slice(0, -1) : n)
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  return `(?<![\\w-])(${body}${star ? "[\\w'-]*" : ''})${compound ? '(?!\\w|-(?![a-z]))' : '(?![\\w-])'}`;
}

function compile(entries: ReadonlyArray<[owner: string, name: string]>, compound = false): Names {
  const sorted = entries.slice().sort((a, b) => b[1].length - a[1].length);
  const part = (list: typeof sorted, flags: string) => ({
    re: new RegExp(list.map(([, n]) => namePattern(n, compound)).join('|') || '(?!)', flags),
    owners: list.map(([o]) => o),
  });
  return {
    parts: [
      part(
        sorted.filter(([, n]) => /[a-z]/.test(n)),
        'gi',
      ),
      part(
        sorted.filter(([, n]) => !/[a-z]/.test(n)),
        'g',
      ),
    ],
  };
}

/** "retail, multifamily and limited service hotel properties": kinds (each with optional lower-case words
 *  before it, "limited service hotel"), joined by commas, "and" or "or", then "properties" or "real estate". */
function propertyList(kinds: readonly string[]): RegExp {
  const kind = `(?:[a-z]+\\s+){0,2}(?:${kinds
    .slice()
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[/-]/g, '\\$&').replace(/\s+/g, '\\s+'))
    .join('|')})`;
  return new RegExp(
    `\\b${kind}(?:(?:\\s*,\\s*(?:and\\s+|or\\s+)?|\\s+(?:and|or)\\s+)${kind})*\\s+(?:properties|real\\s+estate)\\b`,
    'gi',
  );
}

function matchAll(names: Names, text: string): Set<string> {
  const found = new Set<string>();
  for (const { re, owners } of names.parts) {
    for (const m of text.matchAll(re)) {
      const i = m.slice(1).findIndex((g) => g !== undefined);
      if (i >= 0) found.add(owners[i]!);
    }
  }
  return found;
}

interface Knowledge {
  places: Names;
  parents: Map<string, string[]>;
  industries: Names;
  titles: Map<string, string>;
  /** a list of property kinds followed by "properties" or "real estate" */
  propertyKinds?: RegExp;
  facets: Array<{ facet: string; values: Names }>;
}

let known: Knowledge | undefined;

function fail(file: string, problems: ReadonlyArray<{ line: number; message: string }>): never {
  throw new Error(`${file}: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
}

/** The tables, loaded on first use. A broken table is a broken installation: it throws. */
function knowledge(): Knowledge {
  if (known) return known;
  const gFile = path.join(RULES_DATA_DIR, 'geography.yaml');
  const iFile = path.join(RULES_DATA_DIR, 'industries.yaml');
  const g = loadYaml(gFile, GeographySchema);
  if (!g.ok) fail(gFile, g.problems);
  const ind = loadYaml(iFile, IndustriesSchema);
  if (!ind.ok) fail(iFile, ind.problems);
  const parents = new Map<string, string[]>();
  for (const [p, v] of Object.entries(g.value.places)) {
    for (const up of v.in ?? [])
      if (!(up in g.value.places)) fail(gFile, [{ line: 0, message: `${p} is in "${up}", which is not a place` }]);
    parents.set(p, v.in ?? []);
  }
  known = {
    places: compile(Object.entries(g.value.places).flatMap(([p, v]) => v.names.map((n): [string, string] => [p, n]))),
    parents,
    industries: compile(
      Object.entries(ind.value.industries).flatMap(([c, v]) => v.words.map((w): [string, string] => [c, w])),
      true,
    ),
    titles: new Map(Object.entries(ind.value.industries).map(([c, v]) => [c, v.title])),
    ...(ind.value.propertyKinds?.length ? { propertyKinds: propertyList(ind.value.propertyKinds) } : {}),
    facets: Object.entries(ind.value.facets ?? {}).map(([facet, vals]) => ({
      facet,
      values: compile(Object.entries(vals).flatMap(([v, ws]) => ws.map((w): [string, string] => [v, w]))),
    })),
  };
  return known;
}

const DefinedTermWordsSchema = z
  .object({ words: z.array(z.string().regex(/^[a-z][a-z'-]*$/, 'a defined-term word is one lower-case word')) })
  .strict();
let definedTermWords: Set<string> | undefined;

/** Whether contracts capitalise this word as a matter of course (rules/data/defined-term-words.yaml): "Licensed",
 *  "Deliverables", "Territory". Loaded on first use. */
export function isDefinedTermWord(word: string): boolean {
  if (!definedTermWords) {
    const file = path.join(RULES_DATA_DIR, 'defined-term-words.yaml');
    const w = loadYaml(file, DefinedTermWordsSchema);
    if (!w.ok) fail(file, w.problems);
    definedTermWords = new Set(w.value.words);
  }
  return definedTermWords.has(word.toLowerCase().replace(/['’]s$/, ''));
}

/** The places a text names ("Germany, Austria and Switzerland" → Germany, Austria, Switzerland). Names that
 *  follow "laws of" or describe a party's incorporation are not territories and are left out. */
export function placesIn(text: string): Set<string> {
  const cleaned = text
    .replace(
      /\b(?:laws?\s+of|organi[sz]ed\s+(?:and\s+existing\s+)?under|incorporated\s+(?:in|under)|courts?\s+(?:of|in))\s+(?:the\s+)?(?:State\s+of\s+|Commonwealth\s+of\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}/g,
      ' ',
    )
    // "a Delaware limited liability company", "a Japanese corporation": where a party is from
    .replace(
      /\ban?\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}\s+(?:(?:limited\s+liability|public\s+limited|joint\s+stock|stock|mutual\s+insurance|national\s+banking|not-for-profit|nonprofit|business)\s+)?(?:corporation|company|partnership|association|entity|limited|GmbH|AG|LLC|LLP|LP|Inc)\b/g,
      ' ',
    );
  return matchAll(knowledge().places, cleaned);
}

function ancestors(p: string, k: Knowledge, seen = new Set<string>()): Set<string> {
  if (seen.has(p)) return seen;
  seen.add(p);
  for (const up of k.parents.get(p) ?? []) ancestors(up, k, seen);
  return seen;
}

/** Where two sets of places meet: a place of one that lies in (or is) a place of the other, as [a, b];
 *  undefined when they do not meet. "worldwide" meets everything. */
export function placesMeet(a: ReadonlySet<string>, b: ReadonlySet<string>): [string, string] | undefined {
  const k = knowledge();
  for (const x of a)
    for (const y of b) {
      if (x === 'worldwide' || y === 'worldwide' || ancestors(x, k).has(y) || ancestors(y, k).has(x)) return [x, y];
    }
  return undefined;
}

/** The industries (NAICS codes) a text names. A list of property kinds before "properties" or "real estate"
 *  ("retail, multifamily and hotel properties") says what real estate is owned, not what business is done
 *  there, and is read as real estate. */
export function industriesIn(text: string): Set<string> {
  const k = knowledge();
  const t = k.propertyKinds ? text.replace(k.propertyKinds, ' real estate ') : text;
  const found: Array<{ code: string; from: number; to: number }> = [];
  for (const { re, owners } of k.industries.parts)
    for (const m of t.matchAll(re)) {
      const i = m.slice(1).findIndex((g) => g !== undefined);
      if (i >= 0) found.push({ code: owners[i]!, from: m.index, to: m.index + m[0].length });
    }
  // a general word that is the head of a narrower one names the narrower industry only: "chiropractic clinics"
  // are chiropractors' offices (62131), not all of health care (62), and so do not meet "dental clinics"
  const headOfNarrower = (g: (typeof found)[number]) =>
    found.some(
      (s) =>
        s.code !== g.code && s.code.startsWith(g.code) && s.to <= g.from && /^[\s&-]*$/.test(t.slice(s.to, g.from)),
    );
  return new Set(found.filter((g) => !headOfNarrower(g)).map((g) => g.code));
}

export function industryTitle(code: string): string {
  return knowledge().titles.get(code) ?? code;
}

/** The facet values a text states, as "facet=value" ("species=human"). */
function facetsIn(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { facet, values } of knowledge().facets) {
    const vs = matchAll(values, text);
    if (vs.size) out.set(facet, vs);
  }
  return out;
}

/** Whether two texts state different values of one facet and nothing in common on it ("for human use" and
 *  "for veterinary use"): the fields are apart whatever industry they share. */
export function facetsApart(a: string, b: string): string | undefined {
  const fa = facetsIn(a),
    fb = facetsIn(b);
  for (const [facet, va] of fa) {
    const vb = fb.get(facet);
    if (vb && ![...va].some((v) => vb.has(v))) return `${[...va].join('/')} against ${[...vb].join('/')} (${facet})`;
  }
  return undefined;
}

/** The facets `a` states that `b` says nothing of ("companion animals" against "farmowners insurance"): a field
 *  narrowed by them may or may not reach b's business, so a reader must check. */
export function facetsUnstated(a: string, b: string): string | undefined {
  const fb = facetsIn(b);
  for (const [facet, va] of facetsIn(a)) if (!fb.has(facet)) return `${[...va].join('/')} (${facet})`;
  return undefined;
}

/** Industries two sets share: a code of one equal to, or within, a code of the other, as [a, b]. */
export function industriesMeet(a: ReadonlySet<string>, b: ReadonlySet<string>): [string, string] | undefined {
  for (const x of a) for (const y of b) if (x.startsWith(y) || y.startsWith(x)) return [x, y];
  return undefined;
}

/** "NAICS 5241 Insurance carriers" for a finding's reason. */
export function describeIndustry(code: string): string {
  return `NAICS ${code} ${industryTitle(code)}`;
}
