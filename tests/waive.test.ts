// Stable finding ids and clausemap.yaml's `waive:` list, on the fixture portfolio: the same ids from two
// copies of the folder, a waived finding marked with its reason in every report, and no longer failing the run.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '../src/schema.js';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin/clausemap.js');

function copyPortfolio(name: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'clausemap-waive-')), name);
  cpSync(path.join(ROOT, 'fixtures/portfolio'), dir, { recursive: true });
  return dir;
}

function audit(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'audit', dir, '--no-db', '-q', ...args], { encoding: 'utf8' });
}

describe('finding ids and waive:', () => {
  it('gives the same ids wherever the folder is, and waived findings do not fail the run', () => {
    const a = copyPortfolio('clients-2026');
    const b = copyPortfolio('somewhere-else');
    const ra = audit(a, '--format', 'json');
    const rb = audit(b, '--format', 'json');
    const fa = (JSON.parse(ra.stdout) as Report).findings;
    const fb = (JSON.parse(rb.stdout) as Report).findings;
    expect(fa.length).toBeGreaterThan(0);
    const ids = fa.map((f) => f.id);
    expect(ids.every((id) => /^[a-z0-9-]+-[0-9a-f]{8}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(fb.map((f) => f.id)).toEqual(ids);

    expect(audit(a, '--format', 'json', '--fail-on', 'info').status).toBe(1);
    const yaml = [
      'waive:',
      ...fa.flatMap((f) => [`  - id: ${f.id}`, `    reason: agreed with the client on 2026-11-02`]),
    ];
    writeFileSync(path.join(a, 'clausemap.yaml'), yaml.join('\n') + '\n');
    const waived = audit(a, '--format', 'json', '--fail-on', 'info');
    expect(waived.status).toBe(0);
    const fw = (JSON.parse(waived.stdout) as Report).findings;
    expect(fw.map((f) => f.id)).toEqual(ids);
    expect(fw.every((f) => f.waived === 'agreed with the client on 2026-11-02')).toBe(true);
    const md = audit(a, '--format', 'md').stdout;
    expect(md).toContain(`id \`${ids[0]}\``);
    expect(md).toContain('**Waived** in clausemap.yaml: agreed with the client on 2026-11-02');
  });

  it('refuses a waive entry that is not a finding id, naming the line', () => {
    const a = copyPortfolio('clients');
    writeFileSync(path.join(a, 'clausemap.yaml'), 'waive:\n  - id: finding 3\n    reason: ok\n');
    const r = audit(a, '--format', 'json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/clausemap\.yaml:\d+/);
    expect(r.stderr).toMatch(/finding id/);
  });
});
