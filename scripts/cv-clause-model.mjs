#!/usr/bin/env node
// Five-fold cross-validation of the clause model on the CUAD development split, by contract: contracts in
// sorted id order, fold = position mod 5. For each fold a model is trained on the other four (same code and
// settings as scripts/train-clause-model.mjs) and the held-out contracts are extracted with rules + model
// through extractClauses. The held-out predictions of all folds are merged into one predictions file and
// scored with the shared scorer (../shared/eval/score-cuad.mjs), next to the rules alone on the same
// contracts. The thresholds of each fold's model (the extension's and each detector's) are chosen by an inner
// cross-validation on that fold's training contracts only (see chooseThresholds); the held-out contracts play
// no part in it. It also prints how well the held-out clauses' confidence matches how often they are right,
// and, per category, the shipped model's in-sample figure (models/clause-model.json on the same 408
// contracts it was trained on) beside the cross-validated one: the gap is what in-sample figures overstate.
//
//   npm run cv:model [-- --fast] [--keep DIR]
//
//   --fast   score with this script's quick re-implementation of the scorer only (seconds instead of
//            minutes; same definitions, gold located the same way) instead of the shared scorer
//   --keep   write the two predictions files (rules.json, model.json) to DIR
//
// Run `npx tsc -p .` first.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusDir, overlap, prepareCorpus, root, SETTINGS, trainWithThreshold, union } from './train-clause-model.mjs';

const FOLDS = 5;

/** The shared scorer's figures, computed from the prepared gold intervals (quick check while iterating). */
function quickScore(prep, predsById) {
  const { scored: categories, docs } = prep;
  const doc = Object.fromEntries(categories.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  const span = Object.fromEntries(categories.map((c) => [c, { located: 0, found: 0, preds: 0, onGold: 0 }]));
  for (const d of docs) {
    const clauses = predsById.get(d.id) ?? [];
    for (const c of categories) {
      const mine = clauses.filter((x) => x.category === c);
      const goldAny = d.goldAny[c];
      const k = doc[c];
      if (goldAny && mine.length) k.tp++;
      else if (mine.length) k.fp++;
      else if (goldAny) k.fn++;
      const predIv = union(mine.map((x) => [x.start, x.end]));
      for (const iv of d.goldIv[c]) {
        span[c].located++;
        if (overlap(iv, predIv) >= 0.5 * (iv[1] - iv[0])) span[c].found++;
      }
      const gm = union(d.goldIv[c].map((x) => [...x]));
      for (const x of mine) {
        span[c].preds++;
        if (x.end > x.start && overlap([x.start, x.end], gm) >= 0.3 * (x.end - x.start)) span[c].onGold++;
      }
    }
  }
  const rows = categories.map((c) => {
    const k = doc[c];
    const P = k.tp + k.fp ? k.tp / (k.tp + k.fp) : 0,
      R = k.tp + k.fn ? k.tp / (k.tp + k.fn) : 0;
    return {
      category: c,
      gold: k.tp + k.fn,
      f1: P + R ? (2 * P * R) / (P + R) : 0,
      spanRecall: span[c].located ? span[c].found / span[c].located : 0,
      ...span[c],
      ...k,
    };
  });
  const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
  return {
    rows,
    spanRecall: sum('found') / sum('located'),
    spanPrecision: sum('onGold') / sum('preds'),
    preds: sum('preds'),
  };
}

function predictionsFile(prep, predsById) {
  return {
    documents: prep.docs.map((d) => ({ file: d.file, status: 'ok', warnings: [], clauses: predsById.get(d.id) ?? [] })),
  };
}

async function main() {
  const argv = process.argv.slice(2);
  const fast = argv.includes('--fast');
  const keep = argv.includes('--keep') ? path.resolve(argv[argv.indexOf('--keep') + 1]) : undefined;
  const t0 = Date.now();
  const log = (s) => console.error(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${s}`);
  const prep = await prepareCorpus({ log });
  const { m, rules, docs } = prep;
  log(`prepared ${docs.length} contracts`);

  const rulesOnly = new Map(docs.map((d) => [d.id, d.clauses]));
  const withModel = new Map();
  let extractMs = 0;
  for (let f = 0; f < FOLDS; f++) {
    const train = docs.filter((_, i) => i % FOLDS !== f);
    const held = docs.filter((_, i) => i % FOLDS === f);
    const file = trainWithThreshold(prep, train, SETTINGS, `cv fold ${f}`);
    const model = m.compileModel(file);
    const t = Date.now();
    for (const d of held) withModel.set(d.id, m.extractClauses({ text: d.text, pageStarts: [0] }, rules, { model }));
    extractMs += Date.now() - t;
    log(
      `fold ${f + 1}/${FOLDS}: trained on ${train.length} (threshold ${Object.values(file.categories).find((c) => c.threshold)?.threshold}, ${Object.values(file.categories).filter((c) => c.detect).length} detectors, chosen on them), extracted ${held.length}`,
    );
  }
  log(
    `held-out extraction with the model: ${(extractMs / 1000).toFixed(1)} s for ${docs.length} contracts (one process)`,
  );

  const shipped = m.loadClauseModel();
  const inSample = new Map(
    docs.map((d) => [d.id, m.extractClauses({ text: d.text, pageStarts: [0] }, rules, { model: shipped })]),
  );
  const a = predictionsFile(prep, rulesOnly);
  const b = predictionsFile(prep, withModel);
  const c = predictionsFile(prep, inSample);
  if (keep) {
    mkdirSync(keep, { recursive: true });
    writeFileSync(path.join(keep, 'rules.json'), JSON.stringify(a));
    writeFileSync(path.join(keep, 'model.json'), JSON.stringify(b));
  }
  const pct = (x) => (100 * x).toFixed(1).padStart(5);
  const qa = quickScore(prep, rulesOnly),
    qb = quickScore(prep, withModel);
  console.log(
    `quick score (this script): span recall ${pct(qa.spanRecall)} → ${pct(qb.spanRecall)}, span precision ${pct(qa.spanPrecision)} → ${pct(qb.spanPrecision)}, predictions ${qa.preds} → ${qb.preds}`,
  );
  let rowsA = qa.rows,
    rowsB = qb.rows,
    rowsC = quickScore(prep, inSample).rows;
  if (!fast) {
    const { score } = await import(pathToFileURL(path.resolve(root, '../shared/eval/score-cuad.mjs')).href);
    log('scoring rules only with the shared scorer');
    const sa = score(corpusDir, a);
    log('scoring rules + model with the shared scorer');
    const sb = score(corpusDir, b);
    console.log('shared scorer, 408 contracts, held-out predictions of 5 folds:');
    console.log(`                 macro-F1  core-F1  spanR  spanP`);
    console.log(
      `rules only        ${pct(sa.macroF1)}    ${pct(sa.coreMacroF1)}  ${pct(sa.spanRecall)}  ${pct(sa.spanPrecision)}`,
    );
    console.log(
      `rules + model     ${pct(sb.macroF1)}    ${pct(sb.coreMacroF1)}  ${pct(sb.spanRecall)}  ${pct(sb.spanPrecision)}`,
    );
    log('scoring the shipped model in sample with the shared scorer');
    const sc = score(corpusDir, c);
    console.log(
      `shipped, in sample ${pct(sc.macroF1)}    ${pct(sc.coreMacroF1)}  ${pct(sc.spanRecall)}  ${pct(sc.spanPrecision)}`,
    );
    rowsA = sa.rows;
    rowsB = sb.rows;
    rowsC = sc.rows;
  }
  console.log('category                                   doc F1: rules   rules+model CV   in sample   gap | spanR CV');
  for (const ra of rowsA) {
    const rb = rowsB.find((r) => r.category === ra.category);
    const rc = rowsC.find((r) => r.category === ra.category);
    if (!rb || !rc) continue;
    console.log(
      `${ra.category.padEnd(42)} ${pct(ra.f1)}        ${pct(rb.f1)}        ${pct(rc.f1)}  ${pct(rc.f1 - rb.f1)} | ${pct(rb.spanRecall)}`,
    );
  }
  // calibration: held-out clauses by confidence, and the share of them on gold text (≥ 30% of the clause)
  const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.0001].map((x, i, all) => ({ lo: x, hi: all[i + 1], n: 0, right: 0, sum: 0 }));
  bins.pop();
  let none = 0;
  for (const d of docs)
    for (const x of withModel.get(d.id) ?? []) {
      if (x.confidence === undefined) {
        none++;
        continue;
      }
      const bin = bins.find((b) => x.confidence >= b.lo && x.confidence < b.hi);
      const gm = union(d.goldIv[x.category]?.map((iv) => [...iv]) ?? []);
      bin.n++;
      bin.sum += x.confidence;
      if (x.end > x.start && overlap([x.start, x.end], gm) >= 0.3 * (x.end - x.start)) bin.right++;
    }
  console.log(`calibration of held-out clauses (${none} without a confidence):`);
  for (const b of bins)
    if (b.n)
      console.log(
        `  confidence ${b.lo.toFixed(1)}-${Math.min(1, b.hi).toFixed(1)}: ${String(b.n).padStart(5)} clauses, mean ${(b.sum / b.n).toFixed(2)}, on gold ${(b.right / b.n).toFixed(2)}`,
      );
  log('done');
}

main().catch((e) => {
  console.error(`cv-clause-model: ${e?.stack ?? e}`);
  process.exit(1);
});
