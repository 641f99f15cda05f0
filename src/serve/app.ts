// The HTTP edge of `clausemap serve`: fastify, the token, the origin and host checks, the upload limits, the
// API (docs/api.md) and the pages. Everything a request brings (names, bytes, headers) is untrusted: files
// are stored under generated names, their type is read from their bytes by the pipeline as the command line
// reads it, and the pages escape every value (handlebars {{ }}) under a CSP that allows no inline script or
// style.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { FORMATS, type Format } from '../report/index.js';
import { errorBody, ServeError } from './http-errors.js';
import { renderPage, staticAsset } from './pages.js';
import { newId, safeExt, type Portfolio, type PortfolioStore, type StoredFile } from './portfolios.js';
import { pageOf, readContractText, ContractTextSchema, type ContractText } from './text.js';
import { pageView, partyView } from './views.js';
import type { Kept, Work } from './work.js';

export interface Limits {
  /** bytes per file */
  fileBytes: number;
  /** files per request */
  files: number;
  /** bytes per portfolio */
  portfolioBytes: number;
}

export interface AppOptions {
  store: PortfolioStore;
  work: Work;
  token: string;
  limits: Limits;
  /** caps of the child that reads a contract's text for the contract view */
  caps: { timeoutMs: number; maxMemoryMb: number };
  /** the host:port values a request may name (filled in once the server listens) */
  hosts: Set<string>;
}

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given),
    b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');

/** Reads and drops what is left of a request body; false when it has not ended within a few seconds. */
function drained(raw: FastifyRequest['raw']): Promise<boolean> {
  if (raw.readableEnded || raw.destroyed) return Promise.resolve(raw.readableEnded);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), 10_000);
    const done = (ok: boolean) => () => {
      clearTimeout(t);
      resolve(ok);
    };
    raw.on('end', done(true));
    raw.on('close', done(false));
    raw.on('data', () => undefined);
    raw.resume();
  });
}

export function buildApp(o: AppOptions): FastifyInstance {
  const { store, work, limits } = o;
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  const cookieName = () => `clausemap_token_${[...o.hosts][0]?.split(':').pop() ?? ''}`;

  app.register(multipart, {
    preservePath: true, // the name is only ever shown (a dropped folder's files keep their folder)
    limits: { fileSize: limits.fileBytes, files: limits.files, fields: 20, parts: limits.files + 20 },
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  const fail = (reply: FastifyReply, req: FastifyRequest, e: ServeError) => {
    reply.code(e.status);
    if (isApi(req)) return reply.send(errorBody(e));
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage('error', { title: 'Error', code: e.code, message: e.message }));
  };

  app.addHook('onRequest', async (req, reply) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin'); // no-referrer would make a form's Origin "null"
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Cache-Control', 'no-store');
    // a page on another site that resolves its own name to this machine (DNS rebinding) names its own host
    if (!o.hosts.has(req.headers.host ?? ''))
      return fail(
        reply,
        req,
        new ServeError('FORBIDDEN_ORIGIN', 'This server answers only at the address it printed; open that link.'),
      );
    if (STATE_CHANGING.has(req.method)) {
      const origin = req.headers.origin;
      const site = req.headers['sec-fetch-site'];
      const own = [...o.hosts].map((h) => `http://${h}`);
      if (
        (origin !== undefined && !own.includes(origin)) ||
        (site !== undefined && site !== 'same-origin' && site !== 'none')
      )
        return fail(
          reply,
          req,
          new ServeError('FORBIDDEN_ORIGIN', 'Requests from other sites are refused; use the page this server serves.'),
        );
    }
    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (sameToken(auth, o.token) || sameToken(cookie(req.headers.cookie, cookieName()), o.token)) return;
    const q = (req.query as Record<string, unknown>)?.token;
    if (req.method === 'GET' && typeof q === 'string' && sameToken(q, o.token)) {
      reply.header('Set-Cookie', `${cookieName()}=${o.token}; HttpOnly; SameSite=Strict; Path=/`);
      if (isApi(req)) return;
      // the token leaves the address bar and the history
      const u = new URL(req.url, 'http://x');
      u.searchParams.delete('token');
      return reply.redirect(u.pathname + u.search, 303);
    }
    return fail(
      reply,
      req,
      new ServeError(
        'UNAUTHORIZED',
        'A token is needed: open the link `clausemap serve` printed (it ends in ?token=…), or send Authorization: Bearer TOKEN.',
      ),
    );
  });

  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }, req, reply) => {
    // an upload refused part way: the rest of its body is read and dropped before the answer, so that the
    // client (still sending) reads the answer instead of a broken connection
    if (req.isMultipart() && !(await drained(req.raw))) reply.header('Connection', 'close');
    if (err instanceof ServeError) return fail(reply, req, err);
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE')
      return fail(
        reply,
        req,
        tooLarge(err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT' ? 'files' : 'file'),
      );
    if (err.statusCode && err.statusCode < 500)
      return fail(
        reply,
        req,
        new ServeError('BAD_REQUEST', `The request could not be read (${err.message}); check what was sent.`),
      );
    if (process.env.CLAUSEMAP_DEBUG) process.stderr.write(`${err.stack}\n`);
    return fail(
      reply,
      req,
      new ServeError(
        'REPORT_FAILED',
        'Something went wrong in clausemap; the portfolio is unchanged. Please report it.',
      ),
    );
  });

  const tooLarge = (what: 'file' | 'files' | 'portfolio') =>
    new ServeError(
      'TOO_LARGE',
      what === 'file'
        ? `A file is larger than the ${mb(limits.fileBytes)} limit; nothing from this upload was added. Split it, or compress its images.`
        : what === 'files'
          ? `More than ${limits.files} files in one upload; nothing from this upload was added. Add them in smaller batches.`
          : `This upload would take the portfolio past its ${mb(limits.portfolioBytes)} limit; nothing from this upload was added. Start another portfolio, or remove files.`,
    );

  const portfolioOf = (id: string): Portfolio => {
    const p = store.get(id);
    if (!p)
      throw new ServeError('NOT_FOUND', `There is no portfolio ${id}; it may have been deleted. Go back to the list.`);
    return p;
  };
  const summary = (p: Portfolio) => ({ id: p.id, name: p.name, created: p.created, status: work.status(p) });

  /** Files of a multipart request, streamed to a scratch folder of the portfolio; added all at once or not at all. */
  async function receive(
    req: FastifyRequest,
    p: Portfolio,
    one: boolean,
  ): Promise<{ dir: string; files: (StoredFile & { tmp: string })[] }> {
    const dir = store.scratch(p.id);
    const files: (StoredFile & { tmp: string })[] = [];
    let total = store.totalBytes(p);
    try {
      for await (const part of req.files()) {
        if (one && files.length) throw new ServeError('BAD_REQUEST', 'Send one draft at a time.');
        const name = (part.filename || 'unnamed').slice(0, 500);
        const f = { id: newId(), name, ext: safeExt(name), bytes: 0, added: new Date().toISOString(), tmp: '' };
        f.tmp = path.join(dir, f.id);
        const count = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            f.bytes += chunk.length;
            total += chunk.length;
            if (!one && total > limits.portfolioBytes) cb(tooLarge('portfolio'));
            else cb(null, chunk);
          },
        });
        await pipeline(part.file, count, createWriteStream(f.tmp));
        if (part.file.truncated) throw tooLarge('file');
        files.push(f);
      }
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    if (!files.length) {
      rmSync(dir, { recursive: true, force: true });
      throw new ServeError('BAD_REQUEST', 'No file was sent; choose or drop at least one file.');
    }
    return { dir, files };
  }

  async function addFiles(req: FastifyRequest, id: string): Promise<StoredFile[]> {
    const { dir, files } = await receive(req, portfolioOf(id), false);
    try {
      // the portfolio as it is now (another upload may have finished meanwhile), checked and saved in one turn
      const p = portfolioOf(id);
      if (store.totalBytes(p) + files.reduce((s, f) => s + f.bytes, 0) > limits.portfolioBytes)
        throw tooLarge('portfolio');
      mkdirSync(store.filesDir(id), { recursive: true });
      const added = files.map(({ tmp, ...f }) => {
        renameSync(tmp, store.pathOf(id, f));
        return f;
      });
      p.files.push(...added);
      store.save(p);
      work.schedule(id);
      return added;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async function check(req: FastifyRequest, id: string) {
    const p = portfolioOf(id);
    const { dir, files } = await receive(req, p, true);
    try {
      const f = files[0]!;
      return await work.check(p, f.tmp, f.name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // ---- API ----
  app.post('/api/portfolios', async (req, reply) => {
    const name = (req.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || !name.trim() || name.length > 200)
      throw new ServeError('BAD_REQUEST', 'Give the portfolio a name: JSON {"name": "…"} of 1 to 200 characters.');
    const p = store.create(name.trim());
    return reply.code(201).send({ id: p.id });
  });
  app.get('/api/portfolios', async () => ({ portfolios: store.list().map(summary) }));
  app.get('/api/portfolios/:id', async (req) => {
    const p = portfolioOf((req.params as { id: string }).id);
    return { ...summary(p), files: p.files.map(({ id, name, bytes, added }) => ({ id, name, bytes, added })) };
  });
  app.delete('/api/portfolios/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    portfolioOf(id);
    await work.idle(); // never under an analysis that is reading it
    store.delete(id);
    work.forget(id);
    return reply.code(204).send();
  });
  app.post('/api/portfolios/:id/files', async (req, reply) => {
    const added = await addFiles(req, (req.params as { id: string }).id);
    return reply.code(201).send({ files: added.map(({ id, name, bytes }) => ({ id, name, bytes })) });
  });
  app.get('/api/portfolios/:id/status', async (req) => work.status(portfolioOf((req.params as { id: string }).id)));
  app.get('/api/portfolios/:id/events', (req, reply) => {
    const p = portfolioOf((req.params as { id: string }).id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
    });
    const send = (s: unknown) => res.write(`event: progress\ndata: ${JSON.stringify(s)}\n\n`);
    res.write('retry: 2000\n\n');
    send(work.status(p));
    const stop = work.subscribe(p.id, send);
    const beat = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
    req.raw.on('close', () => {
      clearInterval(beat);
      stop();
    });
  });
  app.get('/api/portfolios/:id/report', async (req, reply) => {
    const p = portfolioOf((req.params as { id: string }).id);
    const asked = String((req.query as { format?: unknown }).format ?? 'json').toLowerCase();
    if (!(FORMATS as readonly string[]).includes(asked))
      throw new ServeError('BAD_REQUEST', `format takes ${FORMATS.join(', ')}; not "${asked.slice(0, 20)}".`);
    const format = asked as Format;
    let data: string | Buffer | undefined;
    try {
      data = await work.report(p, format);
    } catch (e) {
      throw new ServeError('REPORT_FAILED', `The ${format} report could not be made: ${(e as Error).message}`);
    }
    if (data === undefined)
      throw new ServeError(
        'NOT_READY',
        'The report is not ready: the files are still being analysed (see /status), or none was added yet.',
      );
    return reply
      .type(CONTENT_TYPE[format])
      .header('Content-Disposition', `attachment; filename="clausemap-report.${format}"`)
      .send(data);
  });
  app.post('/api/portfolios/:id/check', async (req) => check(req, (req.params as { id: string }).id));

  // ---- pages ----
  const html = (reply: FastifyReply, name: string, ctx: Record<string, unknown>) =>
    reply.type('text/html; charset=utf-8').send(renderPage(name, ctx));
  const hrefFor = (p: Portfolio, k: Kept) => (c: { file: string; start: number; end: number }) => {
    const fid = k.names[c.file];
    return fid ? `/p/${p.id}/doc/${fid}?start=${c.start}&end=${c.end}#clause` : undefined;
  };

  app.get('/static/:name', async (req, reply) => {
    const a = staticAsset((req.params as { name: string }).name);
    if (!a) throw new ServeError('NOT_FOUND', 'No such file.');
    return reply.type(a.type).send(a.body);
  });
  app.get('/', async (_req, reply) =>
    html(reply, 'home', {
      title: 'Portfolios',
      portfolios: store.list().map((p) => ({ ...summary(p), files: p.files.length })),
    }),
  );
  app.post('/portfolios', async (req, reply) => {
    const name = (req.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || !name.trim() || name.length > 200)
      throw new ServeError('BAD_REQUEST', 'Give the portfolio a name of 1 to 200 characters.');
    return reply.redirect(`/p/${store.create(name.trim()).id}`, 303);
  });
  app.post('/p/:id/delete', async (req, reply) => {
    const { id } = req.params as { id: string };
    portfolioOf(id);
    await work.idle();
    store.delete(id);
    work.forget(id);
    return reply.redirect('/', 303);
  });
  app.get('/p/:id', async (req, reply) => {
    const p = portfolioOf((req.params as { id: string }).id);
    const k = work.kept(p);
    const status = work.status(p);
    return html(reply, 'portfolio', {
      title: p.name,
      p,
      status,
      limits: { file: mb(limits.fileBytes), files: limits.files, portfolio: mb(limits.portfolioBytes) },
      files: [...p.files].sort((a, b) => a.name.localeCompare(b.name)),
      ...(k ? { view: pageView(k.report, hrefFor(p, k), (key) => `/p/${p.id}/party/${key}`) } : {}),
      formats: ['pdf', 'csv', 'ics', 'json', 'html', 'md'],
    });
  });
  app.get('/p/:id/party/:key', async (req, reply) => {
    const { id, key } = req.params as { id: string; key: string };
    const p = portfolioOf(id);
    const k = work.kept(p);
    const party = k ? partyView(k.report, key, hrefFor(p, k)) : undefined;
    if (!party)
      throw new ServeError('NOT_FOUND', 'No such counterparty in this portfolio’s report; go back to the report.');
    return html(reply, 'party', { title: party.name, p, party });
  });
  app.get('/p/:id/doc/:fid', async (req, reply) => {
    const { id, fid } = req.params as { id: string; fid: string };
    const p = portfolioOf(id);
    const f = p.files.find((x) => x.id === fid);
    if (!f) throw new ServeError('NOT_FOUND', 'No such file in this portfolio; go back to the report.');
    const q = req.query as { start?: string; end?: string };
    const text = await contractText(p, f);
    const ctx: Record<string, unknown> = { title: f.name, p, f };
    if ('error' in text) ctx.error = text.error;
    else {
      const start = Math.max(0, Math.min(text.text.length, Number(q.start) || 0));
      const end = Math.max(start, Math.min(text.text.length, Number(q.end) || start));
      ctx.kind = text.kind;
      ctx.pages = text.pageStarts.length;
      if (end > start) {
        ctx.before = text.text.slice(0, start);
        ctx.clause = text.text.slice(start, end);
        ctx.after = text.text.slice(end);
        ctx.page = pageOf(text.pageStarts, start);
      } else ctx.before = text.text;
    }
    return html(reply, 'doc', ctx);
  });
  app.get('/p/:id/check', async (req, reply) => {
    const p = portfolioOf((req.params as { id: string }).id);
    return html(reply, 'check', { title: `Check a draft against ${p.name}`, p });
  });
  app.post('/p/:id/check', async (req, reply) => {
    const p = portfolioOf((req.params as { id: string }).id);
    const report = await check(req, p.id);
    const k = work.kept(p);
    const view = pageView(report, k ? hrefFor(p, k) : () => undefined, (key) => `/p/${p.id}/party/${key}`);
    return html(reply, 'check', { title: `Check a draft against ${p.name}`, p, view, checked: true });
  });

  async function contractText(p: Portfolio, f: StoredFile): Promise<ContractText> {
    const side = `text-${f.id}.json`;
    const kept = store.readSidecar(p.id, side);
    if (kept) {
      const r = ContractTextSchema.safeParse(JSON.parse(kept));
      if (r.success) return r.data;
    }
    const t = await readContractText(store.pathOf(p.id, f), o.caps);
    if (store.get(p.id)) store.writeSidecar(p.id, side, JSON.stringify(t));
    return t;
  }

  return app;
}

const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
};

export const newToken = (): string => randomBytes(24).toString('base64url');
