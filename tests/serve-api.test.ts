// The HTTP API of `clausemap serve` (docs/api.md), on the built command: the token, other origins, the
// upload limits, client file names, hostile contracts in the pages, and the report and the check equal to
// what `clausemap audit` and `clausemap check` write for the same files.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/schema.js';
import { createPortfolio, DRAFT, form, PORTFOLIO_FILES, ROOT, serve, waitDone, type Served } from './serve-helpers.js';
import { HAS_SHARED, SHARED } from './shared-data.js';

let tmp: string;
let s: Served;
let fixture: string; // the fixture portfolio, analysed

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-serve-api-'));
  s = await serve(path.join(tmp, 'data'), ['--max-file-mb', '1', '--max-files', '12', '--max-portfolio-mb', '2']);
  fixture = await createPortfolio(s, 'Fixture');
  const r = await s.api(`/api/portfolios/${fixture}/files`, { method: 'POST', body: form(PORTFOLIO_FILES) });
  expect(r.status).toBe(201);
  await waitDone(s, fixture);
});

afterAll(async () => {
  await s?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** Every file under a folder, recursively. */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => statSync(f).isFile());
}

/** A report with its timestamp out and every file named by its base name, to compare runs on other paths. */
function comparable(r: Report, folders: string[]): unknown {
  let s = JSON.stringify({ ...r, generatedAt: '' });
  for (const f of folders) s = s.split(f.endsWith('/') ? f : `${f}/`).join('');
  return JSON.parse(s);
}

/** The JSON report the command line writes for these arguments. */
function cliJson(args: string[]): Report {
  const out = path.join(tmp, 'cli.json');
  execFileSync(process.execPath, [
    path.join(ROOT, 'bin', 'clausemap.js'),
    ...args,
    '--db',
    path.join(tmp, 'cli.db'),
    '-q',
    '-f',
    'json',
    '-o',
    out,
  ]);
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

describe('the token', () => {
  it('is needed by every API call and page', async () => {
    for (const p of ['/api/portfolios', `/api/portfolios/${fixture}/report?format=json`, '/', `/p/${fixture}`]) {
      const r = await fetch(s.base + p);
      expect(r.status, p).toBe(401);
    }
    const wrong = await fetch(`${s.base}/api/portfolios`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect((await s.api('/api/portfolios')).status).toBe(200);
  });

  it('in the first page address sets an HttpOnly SameSite=Strict cookie that then stands in for it', async () => {
    const r = await fetch(s.url, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${s.base}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });
});

describe('requests from elsewhere', () => {
  it('a POST from another origin is refused and changes nothing', async () => {
    const before = ((await (await s.api('/api/portfolios')).json()) as { portfolios: unknown[] }).portfolios.length;
    for (const headers of [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }]) {
      const r = await s.api('/api/portfolios', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'x' }),
      });
      expect(r.status).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN_ORIGIN');
    }
    const del = await s.api(`/api/portfolios/${fixture}`, {
      method: 'DELETE',
      headers: { origin: 'http://evil.example' },
    });
    expect(del.status).toBe(403);
    const after = ((await (await s.api('/api/portfolios')).json()) as { portfolios: unknown[] }).portfolios.length;
    expect(after).toBe(before);
  });

  it('a request naming another host (DNS rebinding) is refused', async () => {
    const u = new URL(s.base);
    const status = await new Promise<number>((resolve, reject) => {
      request(
        {
          host: u.hostname,
          port: u.port,
          path: '/api/portfolios',
          headers: { host: 'evil.example', authorization: `Bearer ${s.token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });
});

describe('uploads', () => {
  it('over a limit get 413 with a sentence, and leave the portfolio as it was', async () => {
    const id = fixture;
    const before = await (await s.api(`/api/portfolios/${id}`)).json();
    const report = await (await s.api(`/api/portfolios/${id}/report?format=json`)).text();
    const big = path.join(tmp, 'big.pdf');
    writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1.5 * 1024 * 1024, 32)]));
    const mid = path.join(tmp, 'mid.txt');
    writeFileSync(mid, 'x'.repeat(900 * 1024));
    const cases: [string, FormData][] = [
      ['a file over 1 MB', form([PORTFOLIO_FILES[2]!, big])],
      ['13 files', form(Array.from({ length: 13 }, () => PORTFOLIO_FILES[3]!))],
      ['over 2 MB in all', form([mid, mid, mid])],
    ];
    for (const [what, body] of cases) {
      const r = await s.api(`/api/portfolios/${id}/files`, { method: 'POST', body });
      expect(r.status, what).toBe(413);
      const e = ((await r.json()) as { error: { code: string; message: string } }).error;
      expect(e.code).toBe('TOO_LARGE');
      expect(e.message).toMatch(/nothing from this upload was added/);
      expect(await (await s.api(`/api/portfolios/${id}`)).json(), what).toEqual(before);
    }
    expect((await (await s.api(`/api/portfolios/${id}/status`)).json()) as object).toMatchObject({
      files: 6,
      done: true,
    });
    expect(await (await s.api(`/api/portfolios/${id}/report?format=json`)).text()).toBe(report);
    // nothing of the refused uploads is left on disk
    expect(walk(path.join(tmp, 'data', 'portfolios', id, 'files'))).toHaveLength(6);
  });

  it('a file named ../../x.pdf is stored inside the data folder under a generated name, and listed by its name', async () => {
    const id = await createPortfolio(s, 'Names');
    const r = await s.api(`/api/portfolios/${id}/files`, {
      method: 'POST',
      body: form([{ file: PORTFOLIO_FILES[1]!, name: '../../x.pdf' }]),
    });
    expect(r.status).toBe(201);
    // nothing named x.pdf outside the data folder (inside it, the analysis links it under a generated folder)
    const data = path.join(tmp, 'data') + path.sep;
    expect(walk(tmp).filter((f) => path.basename(f) === 'x.pdf' && !f.startsWith(data))).toEqual([]);
    expect(existsSync(path.join(tmp, 'x.pdf'))).toBe(false);
    expect(existsSync(path.join(path.dirname(tmp), 'x.pdf'))).toBe(false);
    const stored = walk(path.join(tmp, 'data', 'portfolios', id, 'files'));
    expect(stored.map((f) => path.basename(f))).toEqual([expect.stringMatching(/^[a-f0-9]{16}\.pdf$/)]);
    const listed = (await (await s.api(`/api/portfolios/${id}`)).json()) as { files: { name: string }[] };
    expect(listed.files.map((f) => f.name)).toEqual(['../../x.pdf']);
    await waitDone(s, id);
  });
});

describe('an upload named clausemap.yaml', () => {
  it('is a file of the portfolio, never the configuration of its runs', async () => {
    const id = await createPortfolio(s, 'Config');
    // written beside the test, not above the data folder (where it would rightly apply to every portfolio)
    mkdirSync(path.join(tmp, 'upload'), { recursive: true });
    const yaml = path.join(tmp, 'upload', 'clausemap.yaml');
    writeFileSync(yaml, 'me: Evil Corp Ltd\n');
    const r = await s.api(`/api/portfolios/${id}/files`, {
      method: 'POST',
      body: form([{ file: yaml }, { file: PORTFOLIO_FILES[0]!, name: 'z.docx' }]),
    });
    expect(r.status).toBe(201);
    await waitDone(s, id);
    const report = (await (await s.api(`/api/portfolios/${id}/report?format=json`)).json()) as Report;
    expect(report.documents.map((d) => d.file).sort()).toEqual(['clausemap.yaml', 'z.docx']);
    expect(JSON.stringify(report.portfolio)).not.toContain('Evil Corp');
  });
});

describe('hostile contracts', () => {
  const PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>';

  it.skipIf(!HAS_SHARED)(
    'render as text in every page (../shared/badinput/derived, and a payload of our own)',
    async () => {
      const id = await createPortfolio(s, `Hostile ${PAYLOAD}`);
      const dir = path.join(SHARED, 'badinput', 'derived');
      const own = path.join(tmp, 'payload.txt');
      writeFileSync(
        own,
        `SERVICES AGREEMENT between Acme Inc. and ${PAYLOAD} LLC.\n\nThis Agreement shall be governed by the laws of the State of ${PAYLOAD} New York.\n\nEither party may terminate this Agreement on thirty (30) days' written notice. ${PAYLOAD}\n`,
      );
      const hostile = readdirSync(dir)
        .filter((f) => f !== 'SOURCE.md')
        .map((f) => ({ file: path.join(dir, f) }));
      const r = await s.api(`/api/portfolios/${id}/files`, {
        method: 'POST',
        body: form([...hostile, { file: own, name: `${PAYLOAD}.txt` }]),
      });
      expect(r.status).toBe(201);
      const st = await waitDone(s, id, 90_000);
      expect(st.files).toBe(hostile.length + 1);
      const page = await (await s.api(`/p/${id}`)).text();
      const ids = (await (await s.api(`/api/portfolios/${id}`)).json()) as { files: { id: string }[] };
      const docs = await Promise.all(ids.files.map(async (f) => (await s.api(`/p/${id}/doc/${f.id}`)).text()));
      for (const html of [page, ...docs]) {
        expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/static/app.js" defer>']);
        expect(html).not.toMatch(/<img\b|<iframe\b|<object\b|<embed\b|\son[a-z]+=|href="\s*javascript:/i);
      }
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // every file is in the report, read or with its reason
      const report = (await (await s.api(`/api/portfolios/${id}/report?format=json`)).json()) as Report;
      expect(report.documents).toHaveLength(hostile.length + 1);
    },
  );
});

describe('the report and the check', () => {
  it('the report JSON equals `clausemap audit --format json` on the same files, but for the time and the paths', async () => {
    const served = (await (await s.api(`/api/portfolios/${fixture}/report?format=json`)).json()) as Report;
    const cli = cliJson(['audit', ...PORTFOLIO_FILES]);
    expect(served.findings.length).toBeGreaterThan(0);
    expect(comparable(served, [])).toEqual(comparable(cli, [path.dirname(PORTFOLIO_FILES[0]!)]));
  });

  it('the other formats download as attachments', async () => {
    for (const [format, type] of [
      ['csv', 'text/csv'],
      ['ics', 'text/calendar'],
      ['md', 'text/markdown'],
    ]) {
      const r = await s.api(`/api/portfolios/${fixture}/report?format=${format}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain(type);
      expect(r.headers.get('content-disposition')).toBe(`attachment; filename="clausemap-report.${format}"`);
      expect((await r.text()).length).toBeGreaterThan(100);
    }
    expect((await s.api(`/api/portfolios/${fixture}/report?format=exe`)).status).toBe(400);
  });

  it('the check of a draft equals `clausemap check` on the same files, but for the time and the paths', async () => {
    const r = await s.api(`/api/portfolios/${fixture}/check`, { method: 'POST', body: form([DRAFT], 'draft') });
    expect(r.status).toBe(200);
    const served = (await r.json()) as Report;
    const cli = cliJson(['check', DRAFT, '--against', ...PORTFOLIO_FILES]);
    expect(served.findings.some((f) => f.ruleId === 'portfolio/mfn-breach')).toBe(true);
    expect(comparable(served, [])).toEqual(comparable(cli, [path.dirname(PORTFOLIO_FILES[0]!), path.dirname(DRAFT)]));
  });

  it('an unknown portfolio is a 404 with a sentence', async () => {
    const r = await s.api('/api/portfolios/0123456789abcdef/status');
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('a deleted portfolio goes with its files', async () => {
    const id = await createPortfolio(s, 'Gone');
    await s.api(`/api/portfolios/${id}/files`, { method: 'POST', body: form(PORTFOLIO_FILES.slice(0, 1)) });
    expect((await s.api(`/api/portfolios/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(existsSync(path.join(tmp, 'data', 'portfolios', id))).toBe(false);
    expect((await s.api(`/api/portfolios/${id}/status`)).status).toBe(404);
  });
});
