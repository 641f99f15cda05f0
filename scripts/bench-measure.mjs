// Measuring a command for the benchmarks: wall time and peak resident memory summed over its whole process
// tree (sampled from /proc every 100 ms), and pdftotext over a set of PDFs, N at once, as the yardstick.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Copies the built package at `root` (package.json's "files") into `work` and returns the copy's CLI, so a
 *  rebuild of dist/ during a benchmark cannot change the code it measures. */
export function snapshot(root, work) {
  const dir = path.join(work, 'package');
  const shipped = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).files;
  for (const p of [...shipped, 'package.json']) {
    if (existsSync(path.join(root, p))) cpSync(path.join(root, p), path.join(dir, p), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return path.join(dir, 'bin', 'clausemap.js');
}

function children() {
  const byParent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push(Number(name));
    } catch {
      /* exited */
    }
  }
  return byParent;
}

export function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function treeRssKb(root) {
  const byParent = children();
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    sum += rssKb(pid);
    for (const c of byParent.get(pid) ?? []) stack.push(c);
  }
  return sum;
}

/** Runs a command, sampling the RSS of its whole process tree; resolves with wall time and peak. */
export function measured(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { stdio: ['ignore', opts.stdout ?? 'ignore', 'pipe'], ...opts.spawn });
    let stderr = '';
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    let peakKb = 0;
    const sample = () => {
      peakKb = Math.max(peakKb, treeRssKb(p.pid));
    };
    const timer = setInterval(sample, 100);
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - t0, peakMb: peakKb / 1024, code, signal, stderr });
    });
  });
}

/** pdftotext over every file, `n` at once; peak RSS summed over the running pdftotext processes. */
export async function pdftotextAll(files, n) {
  const t0 = performance.now();
  let next = 0;
  let peakKb = 0;
  const running = new Set();
  const timer = setInterval(() => {
    let sum = 0;
    for (const pid of running) sum += rssKb(pid);
    peakKb = Math.max(peakKb, sum);
  }, 100);
  const lane = async () => {
    while (next < files.length) {
      const f = files[next++];
      await new Promise((resolve) => {
        const p = spawn('pdftotext', ['-q', f, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
        running.add(p.pid);
        p.on('exit', () => {
          running.delete(p.pid);
          resolve();
        });
        p.on('error', () => {
          running.delete(p.pid);
          resolve();
        });
      });
    }
  };
  await Promise.all(Array.from({ length: n }, lane));
  clearInterval(timer);
  return { ms: performance.now() - t0, peakMb: peakKb / 1024 };
}

/** `count` unique text documents from the texts in `corpus`, under new names (each made unique by a line of
 *  its own, so none is reused from the term database or collapsed as a copy). */
export function makeBatch(corpus, dir, count) {
  const texts = readdirSync(corpus)
    .filter((f) => /\.txt$/i.test(f))
    .sort();
  if (!texts.length) throw new Error(`no .txt files in ${corpus}`);
  mkdirSync(dir, { recursive: true });
  const bodies = texts.map((f) => readFileSync(path.join(corpus, f)));
  for (let i = 0; i < count; i++) {
    const k = i % texts.length;
    const name = `contract-${String(i + 1).padStart(5, '0')}-${texts[k].replace(/[^\w.-]+/g, '_').slice(0, 60)}`;
    writeFileSync(
      path.join(dir, name.endsWith('.txt') ? name : `${name}.txt`),
      Buffer.concat([bodies[k], Buffer.from(`\n\nFile reference ${i + 1}.\n`)]),
    );
  }
}

/** A JSON report as two runs of the same command should give it byte for byte: `generatedAt` (the one field
 *  that differs by design) taken out, and a folder the runs were given under different names written as
 *  `<work>`. */
export function comparableReport(file, workDir) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  delete r.generatedAt;
  const s = JSON.stringify(r);
  return workDir ? s.replaceAll(workDir, '<work>') : s;
}
