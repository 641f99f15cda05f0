// The pages of `clausemap serve`: handlebars templates in web/templates, one stylesheet and one script in
// web/static (no inline script or style: the CSP forbids both). Templates use {{ }} only, so every value
// (contract text, file and party names) is HTML-escaped.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { PACKAGE_ROOT, VERSION } from '../paths.js';

export const WEB_DIR = path.join(PACKAGE_ROOT, 'web');
const TEMPLATES = path.join(WEB_DIR, 'templates');
const STATIC = path.join(WEB_DIR, 'static');

let compiled: Map<string, Handlebars.TemplateDelegate> | undefined;

function compile(): Map<string, Handlebars.TemplateDelegate> {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('pct', (a: number, b: number) => (b ? Math.floor((100 * a) / b) : 100));
  const m = new Map<string, Handlebars.TemplateDelegate>();
  for (const f of readdirSync(TEMPLATES).sort()) {
    if (!f.endsWith('.hbs')) continue;
    const src = readFileSync(path.join(TEMPLATES, f), 'utf8');
    if (f.startsWith('_')) hb.registerPartial(f.slice(1, -4), src);
    else m.set(f.slice(0, -4), hb.compile(src, { strict: false, preventIndent: true }));
  }
  return m;
}

export function renderPage(name: string, ctx: Record<string, unknown>): string {
  const t = (compiled ??= compile()).get(name);
  if (!t) throw new Error(`no template ${name}`);
  return t({ ...ctx, version: VERSION });
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const assets = new Map<string, { type: string; body: string }>();

/** A file of web/static by its plain name; undefined for any other name. */
export function staticAsset(name: string): { type: string; body: string } | undefined {
  if (!/^[a-z0-9-]+\.(?:js|css)$/.test(name)) return undefined;
  let a = assets.get(name);
  if (!a) {
    try {
      a = { type: TYPES[path.extname(name)]!, body: readFileSync(path.join(STATIC, name), 'utf8') };
    } catch {
      return undefined;
    }
    assets.set(name, a);
  }
  return a;
}
