// `clausemap serve` stopped and started again on the same data folder: the portfolio, its files and its
// report are still there, under a new token (the old one no longer opens anything).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createPortfolio, form, PORTFOLIO_FILES, serve, waitDone, type Served } from './serve-helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-serve-restart-'));
const data = path.join(tmp, 'data');
let running: Served | undefined;

afterAll(async () => {
  await running?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

it('keeps portfolios and reports across a restart', async () => {
  const first = (running = await serve(data));
  const id = await createPortfolio(first, 'Kept <across> restarts');
  expect((await first.api(`/api/portfolios/${id}/files`, { method: 'POST', body: form(PORTFOLIO_FILES) })).status).toBe(
    201,
  );
  await waitDone(first, id);
  const report = await (await first.api(`/api/portfolios/${id}/report?format=json`)).text();
  const csv = await (await first.api(`/api/portfolios/${id}/report?format=csv`)).text();
  expect(await first.stop()).toBe(0);

  const second = (running = await serve(data));
  expect(second.token).not.toBe(first.token);
  expect(
    (await fetch(`${second.base}/api/portfolios`, { headers: { authorization: `Bearer ${first.token}` } })).status,
  ).toBe(401);
  const list = (await (await second.api('/api/portfolios')).json()) as { portfolios: { id: string; name: string }[] };
  expect(list.portfolios.map((p) => [p.id, p.name])).toEqual([[id, 'Kept <across> restarts']]);
  expect(await (await second.api(`/api/portfolios/${id}/status`)).json()).toEqual({
    files: 6,
    analysed: 6,
    failed: 0,
    done: true,
  });
  expect(await (await second.api(`/api/portfolios/${id}/report?format=json`)).text()).toBe(report);
  expect(await (await second.api(`/api/portfolios/${id}/report?format=csv`)).text()).toBe(csv);
  const page = await (await second.api(`/p/${id}`)).text();
  expect(page.match(/<article class="finding"/g)?.length).toBe(JSON.parse(report).findings.length);
  expect(page).toContain('Kept &lt;across&gt; restarts');
});
