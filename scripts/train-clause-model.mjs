#!/usr/bin/env node
// Trains the clause model (models/clause-model.json, format in src/extract/clause-model.ts) from the lawyer-labelled
// CUAD development split in ../shared/corpus/cuad. Deterministic: fixed contract order, fixed seed, no
// threads, so a re-run on the same rules and data writes the same bytes.
//
//   npm run train:model            (runs `npx tsc -p .` first: segmenter and rules are read from dist/)
//   node scripts/train-clause-model.mjs [--out FILE]
//
// Units are the segmenter's segments. A segment is a positive example of category C when at least 30% of its
// characters are lawyer-marked text of C (the scorer's rule for a right prediction; gold pieces are located
// as the scorer does: split at <omitted>, 12 characters or more, first case- and whitespace-insensitive
// occurrence). Features: see textFeatures/contextFeatures in src/extract/clause-model.ts. One logistic regression
// per category, trained by SGD with L2 (lazy scaling), then pruned (rare features, tiny weights).
// The CV script (scripts/cv-clause-model.mjs) imports prepareCorpus and trainModel from here.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpusDir = path.resolve(root, '../shared/corpus/cuad');
const dist = path.join(root, 'dist');
const randomJs = path.join(dist, 'random.js');
if (!existsSync(randomJs)) {
  console.error('train-clause-model: dist/ is missing or old; build first with `npx tsc -p .`');
  process.exit(1);
}
const { mulberry32 } = await import(pathToFileURL(randomJs).href);

/** Training settings, fixed up front (see the CV script for how they were checked). */
export const SETTINGS = {
  positiveCover: 0.3, // share of a segment's characters that must be gold text of C
  scope: 'found', // train category C on the contracts where a rule found C (where the model is used)
  minDf: 3, // a feature must occur in this many training segments
  epochs: 6,
  eta0: 0.1, // learning rate eta0 / (1 + t / n)
  lambda: 2e-6, // L2 per example
  seed: 20260101,
  prune: 0.05, // text weights smaller than this (in absolute value) are dropped
  // the threshold (one for all categories) is chosen by an inner cross-validation on the training contracts:
  // the lowest of these whose pooled span precision over every category the scorer reads (rules + model)
  // stays at or above precisionFloor. The span figures clausemap is measured by are recall at a span
  // precision of 0.50 or more; the floor keeps two points of that for contracts the model has not seen.
  thresholds: [
    0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7,
  ],
  precisionFloor: 0.52,
  innerFolds: 4,
  // detection (a category no rule found in a contract): a detector per category, its threshold the one of
  // these with the best document-level F1 of rules + detector in the inner cross-validation, kept only when
  // that F1 beats the rules alone by detectGain or more (else the category ships no detector)
  detect: true,
  detectScope: 'all', // trained on every contract's segments: the category's own wording, not only the rules' misses
  detectThresholds: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95],
  detectGain: 0.01,
};

const MIN_PIECE_CHARS = 12;

export async function loadDist() {
  if (!existsSync(path.join(dist, 'extract/clause-model.js')))
    throw new Error('dist/ is missing or old; build first with `npx tsc -p .`');
  const imp = (f) => import(pathToFileURL(path.join(dist, f)).href);
  const [seg, rules, index, model, meta] = await Promise.all([
    imp('extract/segment.js'),
    imp('extract/clause-rules.js'),
    imp('extract/index.js'),
    imp('extract/clause-model.js'),
    imp('extract/meta.js'),
  ]);
  return { ...seg, ...rules, ...index, ...model, ...meta };
}

/** The scorer's whitespace-insensitive, case-insensitive first-occurrence search (same results, faster build). */
function locator(hay) {
  const map = [];
  const parts = [];
  let lastSpace = true;
  for (let i = 0; i < hay.length; i++) {
    const c = hay[i];
    if (/\s/.test(c)) {
      if (!lastSpace) {
        parts.push(' ');
        map.push(i);
        lastSpace = true;
      }
    } else {
      parts.push(c.toLowerCase());
      map.push(i);
      lastSpace = false;
    }
  }
  const flat = parts.join('');
  return (n) => {
    const q = n.replace(/\s+/g, ' ').trim().toLowerCase();
    if (q.length < MIN_PIECE_CHARS) return null;
    const at = flat.indexOf(q);
    if (at < 0) return null;
    return [map[at], map[at + q.length - 1] + 1];
  };
}

export function union(intervals) {
  const s = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out = [];
  for (const [a, b] of s) {
    if (out.length && a <= out[out.length - 1][1]) out[out.length - 1][1] = Math.max(out[out.length - 1][1], b);
    else out.push([a, b]);
  }
  return out;
}

export function overlap([a, b], merged) {
  let n = 0;
  for (const [c, d] of merged) {
    if (d <= a) continue;
    if (c >= b) break;
    n += Math.min(b, d) - Math.max(a, c);
  }
  return n;
}

/**
 * Every labelled contract, in sorted id order: its segments, the rule clauses (rules only), the rule hits
 * per segment, interned text features per segment, and gold intervals and segment labels per category.
 */
export async function prepareCorpus({ log = () => {} } = {}) {
  const m = await loadDist();
  const { TAXONOMY } = await import(pathToFileURL(path.resolve(root, '../shared/eval/score-cuad.mjs')).href);
  const categories = Object.keys(TAXONOMY)
    .filter((c) => !c.startsWith('meta.'))
    .sort();
  // every category the scorer reads: the model's, and the metadata ones only the rules give
  const scored = Object.keys(TAXONOMY).sort();
  const { rules, problems } = m.loadClauseRules(path.join(root, 'rules/clauses'));
  if (problems.length)
    throw new Error(`the clause rules do not load: ${problems.map((p) => `${p.file} ${p.message}`).join('; ')}`);
  const gold = readFileSync(path.join(corpusDir, 'labels.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  gold.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const vocab = new Map(); // feature string → global id
  const names = [];
  const docs = [];
  for (const g of gold) {
    const text = readFileSync(path.join(corpusDir, g.txt), 'utf8');
    const segs = m.segment(text);
    // the rules' sentence clauses (the model's features read their hits); what clausemap outputs joins them
    const { clauses: sentences, hits } = m.ruleClauses({ text, pageStarts: [0] }, segs, rules);
    const meta = m.extractMeta(text, segs);
    const clauses = m.outputClauses(text, sentences, meta);
    const feats = segs.map((s, i) => {
      const fs = m.textFeatures(
        s,
        hits[i].map((h) => h.category),
      );
      const ids = new Int32Array(fs.length);
      fs.forEach((f, k) => {
        let id = vocab.get(f);
        if (id === undefined) {
          id = names.length;
          vocab.set(f, id);
          names.push(f);
        }
        ids[k] = id;
      });
      return ids;
    });
    const find = locator(text);
    const goldIv = {};
    const goldAny = {};
    const labels = {};
    for (const c of scored) {
      goldAny[c] = g.labels[TAXONOMY[c]].spans.length > 0;
      const ivs = [];
      for (const s of g.labels[TAXONOMY[c]].spans)
        for (const piece of s.split('<omitted>')) {
          if (piece.trim().length < MIN_PIECE_CHARS) continue;
          const iv = find(piece);
          if (iv) ivs.push(iv);
        }
      goldIv[c] = ivs;
      if (!categories.includes(c)) continue;
      const merged = union(ivs.map((x) => [...x]));
      const y = new Uint8Array(segs.length);
      if (merged.length)
        segs.forEach((s, i) => {
          y[i] = overlap([s.start, s.end], merged) >= SETTINGS.positiveCover * (s.end - s.start) ? 1 : 0;
        });
      labels[c] = y;
    }
    docs.push({ id: g.id, file: g.txt, text, segs, hits, feats, goldIv, goldAny, labels, clauses, sentences, meta });
    if (docs.length % 50 === 0) log(`prepared ${docs.length}/${gold.length}`);
  }
  return { m, rules, categories, scored, docs, names, TAXONOMY };
}

/**
 * One logistic regression by SGD with L2 (lazy scaling) on the rows marked in `use`; `ctx` (K per row) the
 * rule-context features, or null for none. Undefined when fewer than 5 positive rows: too few to learn from.
 */
function sgd(rows, y, use, ctx, K, nFeatures, orders, settings) {
  const N = rows.length;
  let pos = 0,
    n = 0;
  for (let i = 0; i < N; i++)
    if (use[i]) {
      pos += y[i];
      n++;
    }
  if (pos < 5) return undefined;
  const v = new Float64Array(nFeatures);
  const cw = new Float64Array(K);
  let bias = Math.log(pos / (n - pos));
  let a = 1;
  let t = 0;
  for (let e = 0; e < settings.epochs; e++) {
    const order = orders[e];
    for (let k = 0; k < N; k++) {
      const i = order[k];
      if (!use[i]) continue;
      const eta = settings.eta0 / (1 + t / n);
      t++;
      const row = rows[i];
      let z = bias;
      let s = 0;
      for (let j = 0; j < row.ids.length; j++) s += v[row.ids[j]];
      z += a * s;
      if (ctx) for (let q = 0; q < K; q++) if (ctx[i * K + q]) z += cw[q];
      const p = 1 / (1 + Math.exp(-z));
      const g = p - y[i];
      a *= 1 - eta * settings.lambda;
      if (a < 1e-6) {
        for (let j = 0; j < v.length; j++) v[j] *= a;
        a = 1;
      }
      if (g === 0) continue;
      const step = (eta * g) / a;
      for (let j = 0; j < row.ids.length; j++) v[row.ids[j]] -= step;
      if (ctx) for (let q = 0; q < K; q++) if (ctx[i * K + q]) cw[q] -= eta * g;
      bias -= eta * g;
    }
  }
  const weights = [];
  for (let j = 0; j < v.length; j++) {
    const w = a * v[j];
    if (Math.abs(w) >= settings.prune) weights.push(j, w);
  }
  return { bias, cw, weights };
}

/**
 * Trains one logistic regression per category on the given prepared contracts and returns the model file
 * object (format in src/extract/clause-model.ts).
 */
export function trainModel(prep, docs, settings = SETTINGS, trainedOn = '') {
  const { m, categories, names } = prep;
  // the feature space: features in at least minDf training segments, in name order
  const df = new Int32Array(names.length);
  for (const d of docs) for (const ids of d.feats) for (const id of ids) df[id]++;
  const kept = [];
  for (let id = 0; id < names.length; id++) if (df[id] >= settings.minDf) kept.push(id);
  kept.sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const local = new Int32Array(names.length).fill(-1);
  kept.forEach((id, k) => {
    local[id] = k;
  });
  // rows: the known feature ids of every segment
  const rows = [];
  const rowDoc = [];
  const rowSeg = [];
  docs.forEach((d, di) =>
    d.feats.forEach((ids, si) => {
      const l = [];
      for (const id of ids) if (local[id] >= 0) l.push(local[id]);
      rows.push({ ids: Int32Array.from(l) });
      rowDoc.push(di);
      rowSeg.push(si);
    }),
  );
  const N = rows.length;
  const rnd = mulberry32(settings.seed);
  const orders = [];
  for (let e = 0; e < settings.epochs; e++) {
    const o = Int32Array.from({ length: N }, (_, i) => i);
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
    orders.push(o);
  }
  const K = m.CONTEXT.length;
  const out = {};
  const det = {};
  const all1 = new Uint8Array(N).fill(1);
  for (const c of categories) {
    // context features and labels of every row for this category; `use`: rows of the contracts where a rule
    // found C (the extension model), `miss`: rows of the contracts where none did (the detector)
    const ctx = new Uint8Array(N * K);
    const y = new Uint8Array(N);
    const use = new Uint8Array(N);
    const miss = new Uint8Array(N);
    let r = 0;
    for (const d of docs) {
      const hitAt = d.hits.map((hs) => hs.some((h) => h.category === c));
      const found = hitAt.some(Boolean);
      const on = settings.scope === 'all' || found ? 1 : 0;
      const cf = m.contextFeatures(d.segs, hitAt);
      for (let si = 0; si < d.segs.length; si++, r++) {
        ctx.set(cf[si], r * K);
        y[r] = d.labels[c][si];
        use[r] = on;
        miss[r] = found ? 0 : 1;
      }
    }
    const ext = sgd(rows, y, use, ctx, K, kept.length, orders, settings);
    if (ext) out[c] = ext;
    if (settings.detect && settings.detectThresholds?.[c] != null) {
      const d = sgd(rows, y, settings.detectScope === 'all' ? all1 : miss, null, K, kept.length, orders, settings);
      if (d) det[c] = d;
    }
  }
  // the shipped feature list: features some category kept, in name order
  const used = new Set();
  const shipped = (c) => det[c] && settings.detectThresholds?.[c] != null;
  for (const c of Object.keys(det)) if (!shipped(c)) delete det[c];
  for (const o of [...Object.values(out), ...Object.values(det)])
    for (let i = 0; i < o.weights.length; i += 2) used.add(o.weights[i]);
  const usedSorted = [...used].sort((x, y) => x - y); // local ids are already in name order
  const remap = new Map(usedSorted.map((j, k) => [j, k]));
  const r4 = (x) => Math.round(x * 1e4) / 1e4;
  const file = { format: m.MODEL_FORMAT, trainedOn, features: usedSorted.map((j) => names[kept[j]]), categories: {} };
  const sparse = (o) => {
    const weights = [];
    for (let i = 0; i < o.weights.length; i += 2) weights.push(remap.get(o.weights[i]), r4(o.weights[i + 1]));
    return weights;
  };
  for (const c of [...new Set([...Object.keys(out), ...Object.keys(det)])].sort()) {
    const entry = {};
    const o = out[c];
    if (o) {
      const context = {};
      m.CONTEXT.forEach((k, q) => {
        context[k] = r4(o.cw[q]);
      });
      Object.assign(entry, { bias: r4(o.bias), context, threshold: settings.threshold ?? 0.5, weights: sparse(o) });
    }
    if (det[c])
      entry.detect = { bias: r4(det[c].bias), threshold: settings.detectThresholds[c], weights: sparse(det[c]) };
    if (Object.keys(entry).length) file.categories[c] = entry;
  }
  if (settings.accuracy) file.accuracy = settings.accuracy;
  if (settings.calibration) file.calibration = settings.calibration;
  return file;
}

/**
 * Out-of-fold candidates on `docs` (fold = position mod `folds`): for every contract, every category a rule
 * found in it and every segment the rules did not give that category, the probability a model trained on
 * the other folds gives it. Returns [{ doc, category, seg, p }] with p >= the smallest threshold.
 */
export function outOfFold(prep, docs, folds, settings = SETTINGS) {
  const { m } = prep;
  const out = [];
  const det = [];
  const hits = [];
  // every detector kept, at threshold 0, so that each can be judged at every threshold
  const all = Object.fromEntries(prep.categories.map((c) => [c, 0]));
  for (let f = 0; f < folds; f++) {
    const model = m.compileModel(
      trainModel(
        prep,
        docs.filter((_, i) => i % folds !== f),
        { ...settings, detectThresholds: all },
      ),
    );
    docs.forEach((d, i) => {
      if (i % folds !== f) return;
      out.push(...candidates(m, model, d, Math.min(...settings.thresholds)));
      hits.push(...hitProbabilities(m, model, d));
      if (settings.detect) det.push(...detections(m, model, d, Math.min(...settings.detectThresholds)));
    });
  }
  out.detections = det;
  out.hits = hits;
  return out;
}

/** The extension model's probability of every segment a rule gave a category: [{ p, y }], y its gold label. */
function hitProbabilities(m, model, d) {
  const out = [];
  let ids;
  for (const cm of model.categories) {
    const hitAt = d.hits.map((hs) => hs.some((h) => h.category === cm.category));
    if (!cm.extends || !hitAt.some(Boolean)) continue;
    ids ??= d.segs.map((s, i) =>
      m.featureIds(
        model,
        m.textFeatures(
          s,
          d.hits[i].map((h) => h.category),
        ),
      ),
    );
    const ctx = m.contextFeatures(d.segs, hitAt);
    for (let i = 0; i < d.segs.length; i++)
      if (hitAt[i]) out.push({ p: m.probability(cm, ids[i], ctx[i]), y: d.labels[cm.category][i] });
  }
  return out;
}

/**
 * Platt scaling: [a, b] such that 1 / (1 + e^-(a·logit(p) + b)) fits the labels y of out-of-fold probabilities p
 * (Newton's method on the log loss, a little L2 towards [1, 0]). What a model says of contracts it has seen is
 * surer than what is true of contracts it has not; this maps one to the other.
 */
export function platt(pairs) {
  if (pairs.length < 20) return [1, 0];
  const logit = (p) => Math.log(Math.min(Math.max(p, 1e-6), 1 - 1e-6) / (1 - Math.min(Math.max(p, 1e-6), 1 - 1e-6)));
  const xs = pairs.map((q) => logit(q.p));
  let a = 1,
    b = 0;
  const reg = 1e-3;
  for (let it = 0; it < 50; it++) {
    let ga = reg * (a - 1),
      gb = reg * b,
      haa = reg,
      hab = 0,
      hbb = reg;
    pairs.forEach((q, i) => {
      const x = xs[i];
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const g = p - q.y;
      const w = p * (1 - p);
      ga += g * x;
      gb += g;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det,
      db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return [Math.round(a * 1e4) / 1e4, Math.round(b * 1e4) / 1e4];
}

/** A contract's detector candidates: for each category no rule found in it, segments with p >= minP. */
export function detections(m, model, d, minP) {
  const out = [];
  let ids;
  for (const cm of model.categories) {
    if (!cm.detect || d.hits.some((hs) => hs.some((h) => h.category === cm.category))) continue;
    ids ??= d.segs.map((s, i) =>
      m.featureIds(
        model,
        m.textFeatures(
          s,
          d.hits[i].map((h) => h.category),
        ),
      ),
    );
    for (let i = 0; i < d.segs.length; i++) {
      const p = m.detectProbability(cm.detect, ids[i]);
      if (p >= minP) out.push({ doc: d, category: cm.category, seg: i, p });
    }
  }
  return out;
}

const f1 = ({ tp, fp, fn }) => (tp ? (2 * tp) / (2 * tp + fp + fn) : 0);

/** Document-level counts of category c: the rules' clauses, plus the documents a detector reaches at th. */
export function docCounts(docs, c, dets = [], th = Infinity) {
  const reached = new Set(dets.filter((x) => x.category === c && x.p >= th).map((x) => x.doc));
  const k = { tp: 0, fp: 0, fn: 0 };
  for (const d of docs) {
    const said = d.clauses.some((x) => x.category === c) || reached.has(d);
    if (said && d.goldAny[c]) k.tp++;
    else if (said) k.fp++;
    else if (d.goldAny[c]) k.fn++;
  }
  return k;
}

/** Per category, the detection threshold (see SETTINGS.detect) from out-of-fold detector candidates, or none. */
export function chooseDetectThresholds(prep, docs, dets, settings = SETTINGS, log = () => {}) {
  const out = {};
  for (const c of prep.categories) {
    const mine = dets.filter((x) => x.category === c);
    if (!mine.length) continue;
    const base = f1(docCounts(docs, c));
    let best,
      bestF1 = base;
    for (const th of [...settings.detectThresholds].sort((a, b) => b - a)) {
      const v = f1(docCounts(docs, c, mine, th));
      if (v > bestF1 + 1e-9) {
        best = th;
        bestF1 = v;
      }
    }
    if (best !== undefined && bestF1 - base >= settings.detectGain) {
      out[c] = best;
      log(`  detector ${c}: threshold ${best}, document F1 ${(100 * base).toFixed(1)} → ${(100 * bestF1).toFixed(1)}`);
    }
  }
  return out;
}

/** Per category the scorer reads, the share of the rules' clauses on gold text (≥ 30% of the clause), smoothed. */
export function ruleAccuracy(prep, docs) {
  const out = {};
  for (const c of prep.scored) {
    let n = 0,
      right = 0;
    for (const d of docs) {
      const gm = union(d.goldIv[c].map((x) => [...x]));
      for (const x of d.clauses) {
        if (x.category !== c || x.end <= x.start) continue;
        n++;
        if (overlap([x.start, x.end], gm) >= 0.3 * (x.end - x.start)) right++;
      }
    }
    if (n) out[c] = Math.round((100 * (right + 1)) / (n + 2)) / 100;
  }
  return out;
}

/** A contract's candidate segments under a model (see outOfFold). */
export function candidates(m, model, d, minP) {
  const out = [];
  const ids = d.segs.map((s, i) =>
    m.featureIds(
      model,
      m.textFeatures(
        s,
        d.hits[i].map((h) => h.category),
      ),
    ),
  );
  for (const cm of model.categories) {
    const hitAt = d.hits.map((hs) => hs.some((h) => h.category === cm.category));
    if (!cm.extends || !hitAt.some(Boolean)) continue;
    const ctx = m.contextFeatures(d.segs, hitAt);
    for (let i = 0; i < d.segs.length; i++) {
      if (hitAt[i]) continue;
      const p = m.probability(cm, ids[i], ctx[i]);
      if (p >= minP) out.push({ doc: d, category: cm.category, seg: i, p });
    }
  }
  return out;
}

/**
 * Pooled span recall and precision over every category the scorer reads: the rules' clauses (metadata ones
 * included) plus the model's candidates at p >= th.
 */
export function spanFigures(prep, docs, cands, th) {
  const extra = new Map();
  for (const c of cands)
    if (c.p >= th) {
      if (!extra.has(c.doc)) extra.set(c.doc, []);
      const seg = c.doc.segs[c.seg];
      extra.get(c.doc).push({ category: c.category, start: seg.start, end: seg.end, text: seg.text, ruleId: '+model' });
    }
  let located = 0,
    found = 0,
    preds = 0,
    onGold = 0;
  for (const d of docs) {
    // as extractClauses gives them: the rules' sentences and the model's segments joined, then the metadata
    const out = extra.has(d) ? prep.m.outputClauses(d.text, d.sentences.concat(extra.get(d)), d.meta) : d.clauses;
    for (const c of prep.scored) {
      const mine = out.filter((x) => x.category === c).map((x) => [x.start, x.end]);
      const pu = union(mine.map((x) => [...x]));
      for (const iv of d.goldIv[c]) {
        located++;
        if (overlap(iv, pu) >= 0.5 * (iv[1] - iv[0])) found++;
      }
      const gm = union(d.goldIv[c].map((x) => [...x]));
      for (const x of mine) {
        preds++;
        if (x[1] > x[0] && overlap(x, gm) >= 0.3 * (x[1] - x[0])) onGold++;
      }
    }
  }
  return { recall: located ? found / located : 0, precision: preds ? onGold / preds : 0, preds };
}

/**
 * The thresholds for `docs` by inner cross-validation: the extension's, the lowest keeping pooled precision at
 * the floor; the detectors', see chooseDetectThresholds.
 */
export function chooseThresholds(prep, docs, settings = SETTINGS, log = () => {}) {
  const cands = outOfFold(prep, docs, settings.innerFolds, settings);
  const detect = settings.detect ? chooseDetectThresholds(prep, docs, cands.detections, settings, log) : {};
  const label = (x) => ({ p: x.p, y: x.doc.labels[x.category][x.seg] });
  const base = spanFigures(prep, docs, [], 1);
  let chosen;
  for (const th of [...settings.thresholds].sort((a, b) => a - b)) {
    const f = spanFigures(prep, docs, cands, th);
    log(
      `  inner CV threshold ${th}: span recall ${(100 * f.recall).toFixed(1)} precision ${(100 * f.precision).toFixed(1)} (rules alone ${(100 * base.recall).toFixed(1)} / ${(100 * base.precision).toFixed(1)})`,
    );
    if (chosen === undefined && f.precision >= settings.precisionFloor) chosen = th;
  }
  const threshold = chosen ?? Math.max(...settings.thresholds);
  // confidence: what each kind of clause's probability means on contracts the model has not seen
  const calibration = {
    rule: platt(cands.hits),
    extend: platt(cands.filter((x) => x.p >= threshold).map(label)),
    detect: platt(cands.detections.filter((x) => detect[x.category] != null && x.p >= detect[x.category]).map(label)),
  };
  log(`  calibration ${JSON.stringify(calibration)}`);
  return { threshold, detect, calibration };
}

/** Thresholds by inner CV on `docs`, then a model trained on all of them. */
export function trainWithThreshold(prep, docs, settings = SETTINGS, trainedOn = '', log = () => {}) {
  const { threshold, detect, calibration } = chooseThresholds(prep, docs, settings, log);
  log(`threshold ${threshold}, ${Object.keys(detect).length} detectors`);
  return trainModel(
    prep,
    docs,
    { ...settings, threshold, detectThresholds: detect, accuracy: ruleAccuracy(prep, docs), calibration },
    trainedOn,
  );
}

async function main() {
  const argv = process.argv.slice(2);
  const outFile = argv[0] === '--out' ? path.resolve(argv[1]) : path.join(root, 'models/clause-model.json');
  const t0 = Date.now();
  const prep = await prepareCorpus({ log: (s) => console.error(s) });
  console.error(
    `prepared ${prep.docs.length} contracts, ${prep.docs.reduce((a, d) => a + d.segs.length, 0)} segments, ${prep.names.length} distinct features in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const file = trainWithThreshold(
    prep,
    prep.docs,
    SETTINGS,
    `CUAD v1 development split (${prep.docs.length} contracts), ../shared/corpus/cuad`,
    (s) => console.error(s),
  );
  mkdirSync(path.dirname(outFile), { recursive: true });
  const json = serialize(file);
  writeFileSync(outFile, json);
  console.error(
    `wrote ${outFile}: ${Object.keys(file.categories).length} categories, ${file.features.length} features, ${(json.length / 1e6).toFixed(2)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

/** One category per line, so a diff of two models reads. */
export function serialize(file) {
  const lines = [
    '{',
    `"format": ${JSON.stringify(file.format)},`,
    `"trainedOn": ${JSON.stringify(file.trainedOn)},`,
    `"features": ${JSON.stringify(file.features)},`,
    '"categories": {',
  ];
  const cats = Object.keys(file.categories);
  cats.forEach((c, i) =>
    lines.push(`${JSON.stringify(c)}: ${JSON.stringify(file.categories[c])}${i < cats.length - 1 ? ',' : ''}`),
  );
  let tail = '}';
  if (file.accuracy) tail += `,\n"accuracy": ${JSON.stringify(file.accuracy)}`;
  if (file.calibration) tail += `,\n"calibration": ${JSON.stringify(file.calibration)}`;
  lines.push(tail, '}', '');
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(`train-clause-model: ${e?.stack ?? e}`);
    process.exit(1);
  });
}
