// The folder walk on its own (no analysis): loops, links and deep nesting end at once, each real file is
// listed once, and every entry that is not read is listed with its code.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs, MAX_DEPTH } from '../src/pipeline/inputs.js';
import { cleanup, temp } from './security-helpers.js';

afterAll(cleanup);

const codes = (l: ReturnType<typeof expandInputs>, dir: string) =>
  Object.fromEntries((l.refused ?? []).map((r) => [path.relative(dir, r.file), r.code]));

describe('the folder walk', () => {
  it('lists each real file once, whatever links lead to it, and ends on loops', () => {
    const dir = temp('walk');
    writeFileSync(path.join(dir, 'b.txt'), 'x');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'c.txt'), 'x');
    symlinkSync('.', path.join(dir, 'a'));
    symlinkSync('..', path.join(dir, 'sub', 'up'));
    symlinkSync('b.txt', path.join(dir, 'z-same.txt'));
    const l = expandInputs([dir, path.join(dir, 'b.txt')]);
    expect(l.files.map((f) => path.relative(dir, f)).sort()).toEqual(['b.txt', path.join('sub', 'c.txt')]);
    expect(l.refused).toEqual([]);
  });

  it(`does not walk below ${MAX_DEPTH} levels, and says so`, () => {
    const dir = temp('deep');
    let d = dir;
    for (let i = 0; i <= MAX_DEPTH + 2; i++) d = path.join(d, 'd');
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, 'deep.txt'), 'x');
    const l = expandInputs([dir]);
    expect(l.files).toEqual([]);
    expect(Object.values(codes(l, dir))).toEqual(['PATH_TOO_DEEP']);
  });

  it('lists pipes, sockets, dangling links and links out with their own codes', () => {
    const dir = temp('special');
    const outside = temp('outside');
    writeFileSync(path.join(outside, 'o.txt'), 'x');
    execFileSync('mkfifo', [path.join(dir, 'p.pdf')]);
    execFileSync(process.execPath, [
      '-e',
      `const s=require('net').createServer().listen(${JSON.stringify(path.join(dir, 's.sock'))},()=>process.exit(0))`,
    ]);
    symlinkSync(path.join(dir, 'gone.txt'), path.join(dir, 'dangling.txt'));
    symlinkSync(path.join(outside, 'o.txt'), path.join(dir, 'out.txt'));
    const l = expandInputs([dir]);
    expect(codes(l, dir)).toEqual({
      'dangling.txt': 'BROKEN_LINK',
      'out.txt': 'LINK_OUTSIDE',
      'p.pdf': 'NAMED_PIPE',
      's.sock': 'SOCKET',
    });
    expect(l.refused!.every((r) => r.status === 'skipped' && r.message.startsWith(r.file))).toBe(true);
    expect(expandInputs([dir], { followLinks: true }).files.map((f) => path.basename(f))).toEqual(['out.txt']);
    // given on the command line, a pipe or a device is an error (exit 3), not a skip
    expect(expandInputs(['/dev/zero']).refused).toEqual([expect.objectContaining({ code: 'DEVICE', status: 'error' })]);
  });
});
