// `clausemap serve`: the portfolios in the data folder, the analysis queue and the HTTP app, started on a
// free port of the loopback address unless told otherwise. The command (src/commands/serve.ts) gives the
// settings loader, so this folder never imports from the commands.
import { networkInterfaces } from 'node:os';
import { buildApp, newToken, type Limits } from './app.js';
import { PortfolioStore } from './portfolios.js';
import { Work, type SettingsLoader } from './work.js';

export interface ServeOptions {
  host: string;
  /** 0: a free port */
  port: number;
  dataDir: string;
  limits: Limits;
  concurrency?: number;
  timeoutMs: number;
  maxMemoryMb: number;
  settings: SettingsLoader;
  /** default: a new random one */
  token?: string;
}

export interface Server {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const hostPart = (h: string) => (h.includes(':') ? `[${h}]` : h);

/** The names a browser may give in the Host header for this server. */
function hostNames(host: string, port: number): string[] {
  const names = new Set<string>([host]);
  if (LOOPBACK.has(host)) for (const h of LOOPBACK) names.add(h);
  if (host === '0.0.0.0' || host === '::') {
    for (const h of LOOPBACK) names.add(h);
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.address);
  }
  return [...names].map((h) => `${hostPart(h)}:${port}`);
}

export async function startServer(o: ServeOptions): Promise<Server> {
  const store = new PortfolioStore(o.dataDir);
  const work = new Work(store, o.settings, {
    ...(o.concurrency ? { concurrency: o.concurrency } : {}),
    timeoutMs: o.timeoutMs,
    maxMemoryMb: o.maxMemoryMb,
  });
  const token = o.token ?? newToken();
  const hosts = new Set<string>();
  const app = buildApp({
    store,
    work,
    token,
    limits: o.limits,
    caps: { timeoutMs: o.timeoutMs, maxMemoryMb: o.maxMemoryMb },
    hosts,
  });
  await app.listen({ host: o.host, port: o.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  // the first name is the one printed (and the one the cookie is named for)
  for (const h of hostNames(o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host, port)) hosts.add(h);
  for (const h of hostNames(o.host, port)) hosts.add(h);
  work.resume();
  const shown = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  return {
    url: `http://${hostPart(shown)}:${port}/?token=${token}`,
    token,
    port,
    close: async () => {
      await app.close();
      await work.idle();
      await work.close();
    },
  };
}
