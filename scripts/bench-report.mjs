#!/usr/bin/env node
// Report rendering benchmark: a synthetic portfolio of N contracts with F findings, rendered to every
// format; the PDF's wall time and the CPU seconds Chromium spent are printed. Build first (npx tsc -p .).
//   node scripts/bench-report.mjs [contracts=400] [findings=400] [--out FILE.pdf]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { render, renderPdf, PdfPrinter } from '../dist/report/index.js';
import { syntheticReport } from '../dist/report/synthetic.js';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : undefined;
const contracts = Number(args[0] ?? 400);
const findings = Number(args[1] ?? 400);

/** CPU seconds used so far by every process in a process group (Chromium and its helpers). */
function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / 100;
}

const report = syntheticReport(contracts, { findings, failed: 3 });
console.log(
  `${contracts} contracts, ${report.findings.length} findings, ${report.portfolio.calendar.length} deadlines; ${availableParallelism()} cores, load ${loadavg()[0].toFixed(1)}`,
);
for (const f of ['json', 'md', 'html', 'csv', 'ics']) {
  const t = performance.now();
  const data = await render(report, f);
  console.log(
    `${f.padEnd(5)} ${(performance.now() - t).toFixed(0).padStart(6)} ms ${String(data.length).padStart(10)} bytes`,
  );
}
const printer = await PdfPrinter.launch({ timeoutMs: 600_000 });
try {
  const cpu0 = groupCpuSeconds(printer.pid);
  const t = performance.now();
  const pdf = await renderPdf(report, { printer });
  const ms = performance.now() - t;
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  console.log(
    `pdf   ${ms.toFixed(0).padStart(6)} ms ${String(pdf.length).padStart(10)} bytes, ${pages} pages, Chromium CPU ${(groupCpuSeconds(printer.pid) - cpu0).toFixed(1)} s`,
  );
  if (out) writeFileSync(out, pdf);
  if (ms > 60_000) process.exitCode = 1;
} finally {
  await printer.close();
}
