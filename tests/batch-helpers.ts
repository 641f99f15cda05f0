// Helpers for the batch tests: a frozen copy of the built package (so that a rebuild of dist/ while the
// tests run cannot change the analyser version between two runs), and running its CLI.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED } from './shared-data.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CUAD = path.join(SHARED, 'corpus', 'cuad');

const created: string[] = [];

/** Removes every folder made by snapshotPackage() and tempDir() in this test file. */
export function removeTemp(): void {
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A copy of what the package ships (package.json's "files") and package.json, with node_modules linked; returns its bin/clausemap.js. */
export function snapshotPackage(): string {
  if (!existsSync(path.join(ROOT, 'dist', 'commands', 'cli.js')))
    spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT]);
  const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-pkg-'));
  created.push(dir);
  const shipped = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
  for (const p of [...shipped, 'package.json']) {
    if (existsSync(path.join(ROOT, p))) cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return path.join(dir, 'bin', 'clausemap.js');
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(bin: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '',
      stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('error', reject);
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function tempDir(name: string): string {
  const d = mkdtempSync(path.join(tmpdir(), `clausemap-${name}-`));
  created.push(d);
  mkdirSync(d, { recursive: true });
  return d;
}
