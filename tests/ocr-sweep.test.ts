// A pool child killed at a cap in the middle of OCR leaves its working folder behind; the next process that
// reads a scan removes the folders of processes that no longer exist, and leaves live ones alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/index.js';
import { which } from '../src/ingest/tool.js';
import { ROOT } from './e2e-expected.js';

const SCAN = path.join(ROOT, 'fixtures/scanned/04-meridian-crest-capital.pdf');

describe.skipIf(!which('tesseract') || !which('pdftoppm'))('OCR working folders', () => {
  it('removes a dead process’s folder and keeps a live one', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stale = path.join(tmpdir(), `clausemap-ocr-${dead}-stale`);
    const live = path.join(tmpdir(), `clausemap-ocr-${process.ppid}-live`);
    for (const d of [stale, live]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(path.join(d, 'p1.png'), 'x');
    }
    try {
      const doc = await ingestFile(SCAN, { ocr: { jobs: 2, timeoutMs: 600_000 } });
      expect(doc.text.length).toBeGreaterThan(1000);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      rmSync(stale, { recursive: true, force: true });
      rmSync(live, { recursive: true, force: true });
    }
  }, 300_000);
});
