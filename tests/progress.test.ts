// Progress on stderr: a bar redrawn in place on a terminal, a few plain lines otherwise.
import { describe, expect, it } from 'vitest';
import { formatDuration, Progress } from '../src/progress.js';

function sink(isTTY: boolean) {
  const out: string[] = [];
  return {
    out,
    s: {
      isTTY,
      columns: 120,
      write: (x: string) => {
        out.push(x);
        return true;
      },
    },
  };
}

describe('progress', () => {
  it('logs a start line, a line every interval, and a summary when not on a terminal', () => {
    let now = 0;
    const { out, s } = sink(false);
    const p = new Progress({ out: s, logEveryMs: 10_000, now: () => now });
    p.start(100);
    for (let i = 0; i < 100; i++) {
      now += 500; // 50 s in all: 4 interval lines at most
      p.tick(i % 10 === 0 ? 'error' : 'ok', i < 20, 3);
    }
    p.finish();
    expect(out[0]).toBe('clausemap: analysing 100 files\n');
    const middle = out.slice(1, -1);
    expect(middle.length).toBeGreaterThanOrEqual(3);
    expect(middle.length).toBeLessThanOrEqual(5);
    expect(middle[0]).toMatch(
      /^clausemap: \d+\/100 files \(\d+%\) · (?:[\d.]+|–) files\/s · ETA \S+ · 20 reused · \d+ failed\n$/,
    );
    expect(out.at(-1)).toBe(
      'clausemap: 100 files in 50s, 80 analysed, 20 reused from the term database, 6 pages/s, 10 could not be read\n',
    );
    expect(out.every((l) => !l.includes('\r'))).toBe(true);
  });

  it('redraws one line in place on a terminal and clears it before the summary', () => {
    let now = 0;
    const { out, s } = sink(true);
    const p = new Progress({ out: s, redrawMs: 100, now: () => now });
    p.start(10);
    for (let i = 0; i < 10; i++) {
      now += 1000;
      p.tick('ok', false);
    }
    p.finish();
    const draws = out.filter((l) => l.startsWith('\r') && l.length > 4);
    expect(draws.length).toBeGreaterThanOrEqual(10);
    expect(draws.at(-1)).toMatch(/10\/10 files \(100%\) · 1\.0 files\/s · ETA 0s/);
    expect(draws.every((l) => !l.includes('\n'))).toBe(true);
    expect(out.at(-2)).toBe('\r\x1b[K');
    expect(out.at(-1)).toMatch(/^clausemap: 10 files in 10s, 10 analysed/);
  });

  it('says how far an interrupted run got', () => {
    const { out, s } = sink(false);
    const p = new Progress({ out: s });
    p.start(5);
    p.tick('ok', false);
    p.interrupted('run it again.');
    expect(out.at(-1)).toBe('clausemap: interrupted after 1 of 5 files; run it again.\n');
  });

  it('formats durations', () => {
    expect(formatDuration(999)).toBe('1s');
    expect(formatDuration(61_000)).toBe('1m01s');
    expect(formatDuration(3_700_000)).toBe('1h01m');
    expect(formatDuration(Infinity)).toBe('?');
  });
});
