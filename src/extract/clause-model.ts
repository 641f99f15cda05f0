// Extract, step 3 (optional): a statistical reading on top of the clause rules, with three jobs.
//
// - Extension: where a rule found a category in a document, a per-category logistic regression picks out
//   further segments of that category (the second and third sentence of a licence grant, the rest of an
//   insurance section). Such a clause names its evidence: "<rule id>+model", the rule that found the category
//   in this document nearest to the segment.
// - Detection: where no rule found a category in a document, a second regression of that category, trained on
//   the contracts where the rules missed it, may report it on its own when it is confident: segments whose
//   probability reaches the category's detection threshold become clauses named "<category>+model". A category
//   whose detector did not beat the rules alone in the inner cross-validation of training ships no detector.
// - Confidence: every clause gets a confidence from 0 to 1: for a rule's clause, the extension model's
//   probability that its segment is of the category (the model reads the rule's hit and the words); for a
//   clause the model added, its probability; where the model has no regression for a category (document
//   facts such as the parties), the share of the rules' clauses of that category that were right in training.
//
// Pure: the model is data. The model file (models/clause-model.json, written by
// scripts/train-clause-model.mjs from the CUAD development split) is JSON:
//
//   {
//     "format": "clausemap-clause-model/2",
//     "trainedOn": "...",                 // what it was trained on (free text)
//     "features": ["w:licens", ...],      // shared text features; a feature's index is its position here
//     "categories": {
//       "ip.license-grant": {
//         "bias": -3.1,                                 // extension (absent where too few examples)
//         "context": { "seg": 2.5, "near1": 1.2, ... },  // weights of the rule-context features (CONTEXT)
//         "weights": [12, 0.53, 40, -0.2, ...],         // sparse text weights: index, weight, index, weight, ...
//         "threshold": 0.2,                             // add a segment when p >= this
//         "detect": { "bias": -6, "weights": [...], "threshold": 0.8 }  // detection (absent: none)
//       }, ...
//     },
//     "accuracy": { "meta.parties": 0.71, ... },  // share of the rules' clauses right in training, per category
//     "calibration": { "rule": [a, b], "extend": [a, b], "detect": [a, b] }  // see below
//   }
//
// A probability p becomes a confidence 1 / (1 + e^-(a·logit(p) + b)), with a and b of what found the clause,
// fitted on out-of-fold probabilities in training (Platt scaling): a model is surer of contracts it has seen.
//
// A segment's text features (see `textFeatures`): lower-cased word unigrams ("w:") and bigrams ("b:") of the
// segment, unigrams of its list lead-in ("l:") and of its heading ("h:"), the categories rules found in the
// segment ("r:<category>") and a length bucket ("n:"). Every feature present counts 1.
import { existsSync, readFileSync } from 'node:fs';
import { keepModel, keptModel } from '../package-cache.js';
import { CLAUSE_MODEL_FILE } from '../paths.js';
import type { Clause } from '../schema.js';
import { leadOf, type Segment } from './segment.js';

export const MODEL_FORMAT = 'clausemap-clause-model/2';

/** Rule-context features of a segment for one category C, in the order the model stores them. */
export const CONTEXT = ['seg', 'doc', 'near1', 'near3', 'heading', 'lead', 'after1', 'after3', 'leadhit'] as const;
export type ContextName = (typeof CONTEXT)[number];

export interface CategoryModelFile {
  bias?: number;
  context?: Partial<Record<ContextName, number>>;
  weights?: number[];
  threshold?: number;
  detect?: { bias: number; weights: number[]; threshold: number };
}

export interface ClauseModelFile {
  format: string;
  trainedOn?: string;
  features: string[];
  categories: Record<string, CategoryModelFile>;
  accuracy?: Record<string, number>;
  calibration?: Partial<Record<ClauseSource, [number, number]>>;
}

/** What found a clause, for its confidence: a rule, the extension model, or a detector. */
export type ClauseSource = 'rule' | 'extend' | 'detect';

export interface CategoryModel {
  category: string;
  /** false where the file has no extension regression for the category (then bias is -Infinity) */
  extends: boolean;
  bias: number;
  context: Float64Array;
  weights: Float32Array;
  threshold: number;
  detect?: { bias: number; weights: Float32Array; threshold: number };
}

/** A model ready to score: feature index and dense weights per category. */
export interface ClauseModel {
  /** each feature's position (built when first asked for) */
  readonly index: Map<string, number>;
  categories: CategoryModel[];
  /** per category, the share of the rules' clauses that were right in training */
  accuracy: ReadonlyMap<string, number>;
  /** a probability of each source as a confidence (Platt scaling fitted out of fold) */
  confidence: (p: number, source: ClauseSource) => number;
  /** the index split by kind, so a segment's ids are found without writing out each feature (see segmentIds) */
  byKind: FeatureTables;
}

interface FeatureTables {
  /** "w:", "l:", "h:", "r:", "n:" features by what follows the prefix */
  single: Record<'w' | 'l' | 'h' | 'r' | 'n', Map<string, number>>;
  /** "b:<first> <second>" by first word, then second */
  bigram: Map<string, Map<string, number>>;
  /** scratch for segmentIds: seen[i] === mark when feature i is already among the segment's ids */
  seen: Uint32Array;
  mark: number;
}

function featureTables(features: readonly string[]): FeatureTables {
  const single: FeatureTables['single'] = { w: new Map(), l: new Map(), h: new Map(), r: new Map(), n: new Map() };
  const bigram = new Map<string, Map<string, number>>();
  features.forEach((f, i) => {
    const kind = f[0];
    if (f[1] !== ':') return;
    if (kind === 'b') {
      const space = f.indexOf(' ', 2);
      if (space < 0) return;
      const first = f.slice(2, space);
      let m = bigram.get(first);
      if (!m) bigram.set(first, (m = new Map()));
      m.set(f.slice(space + 1), i); // a feature listed twice: the last, as in `index`
    } else if (kind === 'w' || kind === 'l' || kind === 'h' || kind === 'r' || kind === 'n') {
      single[kind].set(f.slice(2), i);
    }
  });
  return { single, bigram, seen: new Uint32Array(features.length), mark: 0 };
}

/** A checked model before its scoring tables: what the compiled form keeps (see toBytes). */
interface DenseModel {
  features: readonly string[];
  categories: CategoryModel[];
  accuracy: Record<string, number>;
  calibration: Partial<Record<ClauseSource, [number, number]>>;
}

/** Checks the shape of a parsed model file and spreads its sparse weights; throws a plain sentence on a bad file. */
function densify(file: ClauseModelFile): DenseModel {
  if (!file || file.format !== MODEL_FORMAT || !Array.isArray(file.features) || typeof file.categories !== 'object') {
    throw new Error(`not a clause model of format ${MODEL_FORMAT}`);
  }
  const n = file.features.length;
  const categories: CategoryModel[] = [];
  const dense = (category: string, sparse: readonly number[]): Float32Array => {
    const weights = new Float32Array(n);
    for (let i = 0; i + 1 < sparse.length; i += 2) {
      const at = sparse[i]!;
      if (!Number.isInteger(at) || at < 0 || at >= n)
        throw new Error(`category ${category}: weight index ${at} is outside the feature list`);
      weights[at] = sparse[i + 1]!;
    }
    return weights;
  };
  for (const category of Object.keys(file.categories).sort()) {
    const c = file.categories[category]!;
    const ext = typeof c.bias === 'number' && Array.isArray(c.weights) && typeof c.threshold === 'number';
    const context = new Float64Array(CONTEXT.length);
    CONTEXT.forEach((k, i) => {
      context[i] = c.context?.[k] ?? 0;
    });
    const d = c.detect;
    if (d && (typeof d.bias !== 'number' || !Array.isArray(d.weights) || typeof d.threshold !== 'number'))
      throw new Error(`category ${category}: a detector needs a bias, weights and a threshold`);
    categories.push({
      category,
      extends: ext,
      bias: ext ? c.bias! : -Infinity,
      context,
      weights: ext ? dense(category, c.weights!) : new Float32Array(n),
      threshold: ext ? c.threshold! : Infinity,
      ...(d ? { detect: { bias: d.bias, weights: dense(category, d.weights), threshold: d.threshold } } : {}),
    });
  }
  const accuracy: Record<string, number> = {};
  for (const [k, v] of Object.entries(file.accuracy ?? {})) if (typeof v === 'number') accuracy[k] = v;
  return { features: file.features, categories, accuracy, calibration: file.calibration ?? {} };
}

/** The scoring tables of a checked model. */
function assemble({ features, categories, accuracy, calibration }: DenseModel): ClauseModel {
  const confidence = (p: number, source: ClauseSource): number => {
    const ab = calibration[source];
    if (!ab) return roundConfidence(p);
    const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
    return roundConfidence(1 / (1 + Math.exp(-(ab[0] * Math.log(q / (1 - q)) + ab[1]))));
  };
  let index: Map<string, number> | undefined;
  return {
    // only training and the tests look features up by name; analysis goes through byKind
    get index() {
      if (!index) {
        index = new Map();
        features.forEach((f, i) => index!.set(f, i));
      }
      return index;
    },
    categories,
    accuracy: new Map(Object.entries(accuracy)),
    confidence,
    byKind: featureTables(features),
  };
}

/** Checks the shape of a parsed model file and builds the scoring tables; throws a plain sentence on a bad file. */
export function compileModel(file: ClauseModelFile): ClauseModel {
  return assemble(densify(file));
}

// The compiled form: "CMM1", then three parts, each a 32-bit length and bytes padded to a multiple of 4: a JSON
// header (the categories without their weights, accuracy, calibration), the features joined by newlines, and
// the dense weights (32-bit floats, little-endian): for each category of the header in order, its extension
// weights when it extends and its detector's weights when it has one.
const MAGIC = 'CMM1';

interface CompiledHeader {
  n: number;
  accuracy: Record<string, number>;
  calibration: DenseModel['calibration'];
  categories: Array<{
    category: string;
    extends: boolean;
    bias: number;
    context: number[];
    threshold: number;
    detect?: { bias: number; threshold: number };
  }>;
}

const padded = (b: Buffer): Buffer[] => {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(b.length);
  return [length, b, Buffer.alloc((4 - (b.length % 4)) % 4)];
};

/** A checked model in its compiled form, or undefined where a feature holds a newline (then nothing is kept). */
function toBytes(m: DenseModel): Buffer[] | undefined {
  if (m.features.some((f) => f.includes('\n')) || !isLittleEndian()) return undefined;
  const header: CompiledHeader = {
    n: m.features.length,
    accuracy: m.accuracy,
    calibration: m.calibration,
    categories: m.categories.map((c) => ({
      category: c.category,
      extends: c.extends,
      bias: c.extends ? c.bias : 0,
      context: [...c.context],
      threshold: c.extends ? c.threshold : 0,
      ...(c.detect ? { detect: { bias: c.detect.bias, threshold: c.detect.threshold } } : {}),
    })),
  };
  const weights = m.categories.flatMap((c) => [
    ...(c.extends ? [c.weights] : []),
    ...(c.detect ? [c.detect.weights] : []),
  ]);
  return [
    Buffer.from(MAGIC),
    ...padded(Buffer.from(JSON.stringify(header))),
    ...padded(Buffer.from(m.features.join('\n'))),
    ...weights.map((w) => Buffer.from(w.buffer, w.byteOffset, w.byteLength)),
  ];
}

const isLittleEndian = () => new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A model from its compiled form; undefined for bytes that are not one (a damaged or foreign cache file). */
function fromBytes(b: Buffer): DenseModel | undefined {
  try {
    if (b.toString('latin1', 0, 4) !== MAGIC || !isLittleEndian()) return undefined;
    let at = 4;
    const part = (): Buffer => {
      const length = b.readUInt32LE(at);
      const out = b.subarray(at + 4, at + 4 + length);
      if (out.length !== length) throw new Error('short');
      at += 4 + length + ((4 - (length % 4)) % 4);
      return out;
    };
    const header = JSON.parse(part().toString('utf8')) as CompiledHeader;
    const features = part().toString('utf8').split('\n');
    const n = header.n;
    if (features.length !== n) return undefined;
    // a view needs 4-byte alignment; a buffer of its own starts at 0, a pooled one may not
    const base = b.byteOffset % 4 === 0 ? b : Buffer.from(b);
    const take = (): Float32Array => {
      if (at + 4 * n > base.length) throw new Error('short');
      const w = new Float32Array(base.buffer, base.byteOffset + at, n);
      at += 4 * n;
      return w;
    };
    const categories = header.categories.map((c): CategoryModel => {
      const weights = c.extends ? take() : new Float32Array(n);
      return {
        category: c.category,
        extends: c.extends,
        bias: c.extends ? c.bias : -Infinity,
        context: Float64Array.from(c.context),
        weights,
        threshold: c.extends ? c.threshold : Infinity,
        ...(c.detect ? { detect: { bias: c.detect.bias, weights: take(), threshold: c.detect.threshold } } : {}),
      };
    });
    if (at !== base.length) return undefined;
    return { features, categories, accuracy: header.accuracy, calibration: header.calibration };
  } catch {
    return undefined;
  }
}

const loaded = new Map<string, ClauseModel | undefined>();

/**
 * The model in `file` (default: the one shipped in models/), read once per process, from its compiled form
 * where an earlier process of this build kept one (package-cache.ts). A missing file gives undefined
 * (extraction then runs on the rules alone); a file that is not a model is an error naming it.
 */
export function loadClauseModel(file: string = CLAUSE_MODEL_FILE): ClauseModel | undefined {
  if (loaded.has(file)) return loaded.get(file);
  let model: ClauseModel | undefined;
  if (existsSync(file)) {
    const kept = keptModel(file);
    const compiled = kept && fromBytes(kept);
    if (compiled) model = assemble(compiled);
    else {
      let checked: DenseModel;
      try {
        checked = densify(JSON.parse(readFileSync(file, 'utf8')) as ClauseModelFile);
      } catch (e) {
        throw new Error(
          `The clause model ${file} cannot be read (${(e as Error).message}); reinstall clausemap or rebuild the model with \`npm run train:model\`.`,
          { cause: e },
        );
      }
      const bytes = toBytes(checked);
      if (bytes) keepModel(file, bytes);
      model = assemble(checked);
    }
  }
  loaded.set(file, model);
  return model;
}

/** The lower-cased runs of letters a-z ("#" for a run of digits) of a text, each cut to 12 letters; single
 *  letters other than "a" are left out. */
function words(s: string): string[] {
  const out: string[] = [];
  const t = s.toLowerCase();
  const n = t.length;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      while (++i < n && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57);
      out.push('#');
    } else if (c >= 97 && c <= 122) {
      const from = i;
      while (++i < n && t.charCodeAt(i) >= 97 && t.charCodeAt(i) <= 122);
      const len = i - from;
      if (len > 1) out.push(t.slice(from, len > 12 ? from + 12 : i));
      else if (c === 97) out.push('a');
    } else {
      i++;
    }
  }
  return out;
}

/** The text features of one segment (deduplicated, in first-seen order). `ruleCats`: categories rules found in it. */
export function textFeatures(
  seg: Pick<Segment, 'text' | 'heading' | 'lead'>,
  ruleCats: Iterable<string> = [],
): string[] {
  const out = new Set<string>();
  const ws = words(seg.text.length > 1500 ? seg.text.slice(0, 1500) : seg.text);
  for (let i = 0; i < ws.length; i++) {
    out.add(`w:${ws[i]}`);
    if (i > 0) out.add(`b:${ws[i - 1]} ${ws[i]}`);
  }
  if (seg.lead) for (const w of words(seg.lead)) out.add(`l:${w}`);
  if (seg.heading) for (const w of words(seg.heading)) out.add(`h:${w}`);
  for (const c of ruleCats) out.add(`r:${c}`);
  out.add(`n:${Math.min(6, Math.floor(Math.log2(1 + seg.text.length / 40)))}`);
  return [...out];
}

/** Where rules found what: per segment, the rule clauses that sit exactly on it. */
export interface RuleHit {
  category: string;
  ruleId: string;
}

/**
 * The rule-context features of every segment for category C (values 0/1 in CONTEXT order), from the
 * segments where a rule of C fired.
 */
export function contextFeatures(
  segs: readonly Pick<Segment, 'text' | 'heading' | 'lead'>[],
  hitAt: readonly boolean[],
): Uint8Array[] {
  const n = segs.length;
  // the texts of the hits, as a list item's lead-in keeps them: an item under a lead-in a rule found
  const hitTexts = new Set<string>();
  const any = hitAt.some(Boolean);
  const headings = new Set<string>();
  const leads = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (!hitAt[i]) continue;
    if (segs[i]!.heading) headings.add(segs[i]!.heading!);
    if (segs[i]!.lead) leads.add(segs[i]!.lead!);
    hitTexts.add(leadOf(segs[i]!.text));
  }
  // distance to the nearest hit, both ways
  const dist = new Int32Array(n).fill(1 << 30);
  let last = -(1 << 30);
  for (let i = 0; i < n; i++) {
    if (hitAt[i]) last = i;
    dist[i] = i - last;
  }
  last = 1 << 30;
  for (let i = n - 1; i >= 0; i--) {
    if (hitAt[i]) last = i;
    dist[i] = Math.min(dist[i]!, last - i);
  }
  // distance back to the nearest hit before: what follows a hit often goes on with it
  const back = new Int32Array(n);
  last = -(1 << 30);
  for (let i = 0; i < n; i++) {
    back[i] = i - last;
    if (hitAt[i]) last = i;
  }
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const f = new Uint8Array(CONTEXT.length);
    const s = segs[i]!;
    f[0] = hitAt[i] ? 1 : 0;
    f[1] = any ? 1 : 0;
    f[2] = dist[i] === 1 ? 1 : 0;
    f[3] = dist[i]! >= 2 && dist[i]! <= 3 ? 1 : 0;
    f[4] = s.heading && headings.has(s.heading) ? 1 : 0;
    f[5] = s.lead && (leads.has(s.lead) || leads.has(leadOf(s.lead))) ? 1 : 0;
    f[6] = back[i] === 1 ? 1 : 0;
    f[7] = back[i]! >= 1 && back[i]! <= 3 ? 1 : 0;
    f[8] = s.lead && hitTexts.has(s.lead) ? 1 : 0;
    out.push(f);
  }
  return out;
}

/** Feature indices of one segment under a model (unknown features dropped). */
export function featureIds(model: Pick<ClauseModel, 'index'>, feats: readonly string[]): Int32Array {
  const ids: number[] = [];
  for (const f of feats) {
    const i = model.index.get(f);
    if (i !== undefined) ids.push(i);
  }
  return Int32Array.from(ids);
}

/**
 * featureIds(model, textFeatures(seg, ruleCats)), the same ids in the same order, without writing out each
 * feature as a string: the words and word pairs of every segment are looked up, so this is most of the
 * model's time.
 */
export function segmentIds(
  model: ClauseModel,
  seg: Pick<Segment, 'text' | 'heading' | 'lead'>,
  ruleCats: Iterable<string> = [],
): Int32Array {
  const t = model.byKind;
  const ids: number[] = [];
  const seen = t.seen;
  if (t.mark === 0xffffffff) {
    seen.fill(0);
    t.mark = 0;
  }
  const mark = ++t.mark;
  const put = (i: number | undefined) => {
    if (i !== undefined && seen[i] !== mark) {
      seen[i] = mark;
      ids.push(i);
    }
  };
  const ws = words(seg.text.length > 1500 ? seg.text.slice(0, 1500) : seg.text);
  for (let i = 0; i < ws.length; i++) {
    put(t.single.w.get(ws[i]!));
    if (i > 0) put(t.bigram.get(ws[i - 1]!)?.get(ws[i]!));
  }
  if (seg.lead) for (const w of words(seg.lead)) put(t.single.l.get(w));
  if (seg.heading) for (const w of words(seg.heading)) put(t.single.h.get(w));
  for (const c of ruleCats) put(t.single.r.get(c));
  put(t.single.n.get(String(Math.min(6, Math.floor(Math.log2(1 + seg.text.length / 40))))));
  return Int32Array.from(ids);
}

/** Probability that a segment is category C: text features `ids`, context `ctx`. */
export function probability(cm: CategoryModel, ids: Int32Array, ctx: Uint8Array): number {
  let z = cm.bias;
  for (let i = 0; i < ids.length; i++) z += cm.weights[ids[i]!]!;
  for (let k = 0; k < ctx.length; k++) if (ctx[k]) z += cm.context[k]!;
  return 1 / (1 + Math.exp(-z));
}

/** Probability that a segment is category C where no rule found C in the document: text features `ids`. */
export function detectProbability(d: NonNullable<CategoryModel['detect']>, ids: Int32Array): number {
  let z = d.bias;
  for (let i = 0; i < ids.length; i++) z += d.weights[ids[i]!]!;
  return 1 / (1 + Math.exp(-z));
}

/** A confidence as shown: two decimals. */
export const roundConfidence = (p: number): number => Math.round(p * 100) / 100;

/** What the model reads in a document (see modelReading). */
export interface ModelReading {
  /** the clauses the model adds, each with its confidence */
  added: Array<Omit<Clause, 'page'>>;
  /** the confidence of a rule's clause of `category` on segment `seg` (undefined: no regression for it) */
  confidenceAt(seg: number, category: string): number | undefined;
}

/**
 * The model's reading of a document. Extension: for each category a rule found, the segments the rules did not
 * give that category whose probability passes the category's threshold. Detection: for each category no rule
 * found, the segments whose detector probability passes its detection threshold. `hits[i]`: the rule clauses on
 * segment i.
 */
export function modelReading(segs: readonly Segment[], hits: readonly RuleHit[][], model: ClauseModel): ModelReading {
  const added: Array<Omit<Clause, 'page'>> = [];
  const atHits = new Map<string, number>(); // `${seg}\0${category}` → p
  let ids: Int32Array[] | undefined;
  const segIds = (): Int32Array[] =>
    (ids ??= segs.map((s, i) =>
      segmentIds(
        model,
        s,
        hits[i]!.map((h) => h.category),
      ),
    ));
  const add = (i: number, category: string, ruleId: string, p: number, source: ClauseSource) => {
    const s = segs[i]!;
    added.push({
      category,
      start: s.start,
      end: s.end,
      text: s.text,
      ruleId,
      ...(s.heading ? { heading: s.heading } : {}),
      confidence: model.confidence(p, source),
    });
  };
  for (const cm of model.categories) {
    const hitAt = hits.map((hs) => hs.some((h) => h.category === cm.category));
    if (!hitAt.some(Boolean)) {
      if (!cm.detect) continue;
      const all = segIds();
      for (let i = 0; i < segs.length; i++) {
        const p = detectProbability(cm.detect, all[i]!);
        if (p >= cm.detect.threshold) add(i, cm.category, `${cm.category}+model`, p, 'detect');
      }
      continue;
    }
    if (!cm.extends) continue;
    const all = segIds();
    const ctx = contextFeatures(segs, hitAt);
    for (let i = 0; i < segs.length; i++) {
      const p = probability(cm, all[i]!, ctx[i]!);
      if (hitAt[i]) atHits.set(`${i}\0${cm.category}`, model.confidence(p, 'rule'));
      else if (p >= cm.threshold) add(i, cm.category, `${nearestRule(hits, hitAt, i, cm.category)}+model`, p, 'extend');
    }
  }
  return {
    added,
    confidenceAt: (seg, category) => atHits.get(`${seg}\0${category}`) ?? model.accuracy.get(category),
  };
}

/** The clauses the model adds to a document (see modelReading). */
export function modelClauses(
  segs: readonly Segment[],
  hits: readonly RuleHit[][],
  model: ClauseModel,
): Array<Omit<Clause, 'page'>> {
  return modelReading(segs, hits, model).added;
}

/** The id (without its alternative) of the rule of `category` that fired nearest to segment i. */
function nearestRule(hits: readonly RuleHit[][], hitAt: readonly boolean[], i: number, category: string): string {
  for (let d = 1; d < hits.length; d++) {
    for (const j of [i - d, i + d]) {
      if (j < 0 || j >= hits.length || !hitAt[j]) continue;
      const h = hits[j]!.find((x) => x.category === category)!;
      return h.ruleId.replace(/#\d+$/, '');
    }
  }
  return category;
}
