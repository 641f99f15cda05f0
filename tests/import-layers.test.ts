// Imports between the folders of src/ go one way (commands → pipeline → check, extract, store, report, …):
// no folder imports, directly or through others, from a folder that imports it, and the report formatters
// never reach back into the pipeline or the commands. Read from the sources, type imports included.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..', 'src');

/** The unit a source file belongs to: its folder under src/, or the file itself at the top. */
const unitOf = (rel: string): string => (rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.js$/, '.ts'));

/** unit → the units its files import from (relative imports and re-exports). */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const files = (readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    const from = unitOf(f);
    const deps = graph.get(from) ?? new Set<string>();
    graph.set(from, deps);
    for (const m of readFileSync(path.join(SRC, f), 'utf8').matchAll(
      /^(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm,
    )) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]!));
      const to = unitOf(target);
      if (to !== from) deps.add(to);
    }
  }
  return graph;
}

/** Every unit that `start` reaches through the graph. */
function reach(graph: Map<string, Set<string>>, start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(graph.get(start) ?? [])];
  while (todo.length) {
    const u = todo.pop()!;
    if (seen.has(u)) continue;
    seen.add(u);
    todo.push(...(graph.get(u) ?? []));
  }
  return seen;
}

describe('imports between the folders of src/', () => {
  const graph = importGraph();

  it('are read (the pattern finds the imports)', () => {
    expect(graph.get('commands')).toContain('pipeline');
    expect(graph.get('pipeline')).toContain('report');
  });

  it('form no cycle', () => {
    const cycles = [...graph.keys()].filter((u) => reach(graph, u).has(u)).map((u) => `${u} → … → ${u}`);
    expect(cycles).toEqual([]);
  });

  it('keep the report stage out of the pipeline and the commands', () => {
    const reached = reach(graph, 'report');
    expect(reached.has('pipeline') || reached.has('commands')).toBe(false);
  });
});
