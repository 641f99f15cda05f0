// The strict scorer of the portfolio benchmark. Pure: it reads a scenario's `expect` and clausemap's JSON
// output (`audit --format json` or `check --format json`) and says what was found and what was not.
//
// - A planted conflict is found when one finding has its rule id and names every planted contract.
// - A false alarm is a high or critical finding that matches no planted conflict (same rule, naming every
//   contract of that conflict) and no `allow` entry (the same conflict seen by another rule). Findings below
//   high are context (calendar, burden) and never count.
// - A scenario passes when every planted conflict is found, it has no false alarm and its run did not fail.

const ALARM = new Set(['high', 'critical']);

const base = (p) => String(p).split(/[\\/]/).pop();

/** clausemap's findings, reduced to what the scorer and a reader of a miss need. */
export function findingsOf(output) {
  return (output?.findings ?? []).map((f) => ({
    rule: String(f.ruleId ?? '').replace(/^portfolio\//, ''),
    severity: f.severity,
    contracts: [...new Set((f.documents ?? []).map(base))],
    line: String(f.message ?? f.title ?? '').split('\n')[0],
  }));
}

const names = (f, e) => f.rule === e.rule && e.contracts.every((c) => f.contracts.includes(c));

/**
 * One scenario's score. `run` is { output, error? }: the parsed JSON, and a sentence when the run failed
 * (then nothing is found and the scenario fails).
 */
export function scoreScenario(scenario, run) {
  const findings = run.error ? [] : findingsOf(run.output);
  const planted = scenario.expect.map((e) => ({
    rule: e.rule,
    contracts: e.contracts,
    why: e.why,
    found: findings.some((f) => names(f, e)),
  }));
  const right = [...scenario.expect, ...(scenario.allow ?? [])];
  const falseAlarms = findings.filter((f) => ALARM.has(f.severity) && !right.some((e) => names(f, e)));
  const failedFiles = run.error
    ? []
    : (run.output?.documents ?? []).filter((d) => d.status !== 'ok').map((d) => `${base(d.file)}: ${d.status}`);
  return {
    name: scenario.name,
    family: scenario.family,
    planted,
    falseAlarms,
    findings,
    error: run.error ?? (failedFiles.length ? `not analysed: ${failedFiles.join(', ')}` : undefined),
    passed: !run.error && !failedFiles.length && planted.every((p) => p.found) && falseAlarms.length === 0,
  };
}

/** The figures over every scored scenario, overall and per family. */
export function summarize(results) {
  const fam = {};
  for (const r of results) {
    const f = (fam[r.family] ??= { scenarios: 0, passed: 0, planted: 0, found: 0, falseAlarms: 0 });
    f.scenarios++;
    f.passed += r.passed ? 1 : 0;
    f.planted += r.planted.length;
    f.found += r.planted.filter((p) => p.found).length;
    f.falseAlarms += r.falseAlarms.length;
  }
  const sum = (k) => Object.values(fam).reduce((a, f) => a + f[k], 0);
  return {
    scenarios: results.length,
    passed: sum('passed'),
    planted: sum('planted'),
    found: sum('found'),
    falseAlarms: sum('falseAlarms'),
    falseAlarmScenarios: results.filter((r) => r.falseAlarms.length).length,
    failedRuns: results.filter((r) => r.error).length,
    byFamily: fam,
  };
}
