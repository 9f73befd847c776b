import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The README's package diagram is the picture a newcomer trusts: every `@app/…` import
 * between packages is drawn as an arrow, and every arrow drawn is an import that exists.
 */
const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Package → the other packages its sources import, from the code. */
function importedPackages(): Map<string, Set<string>> {
  const packages = ['apps', 'libs'].flatMap((top) => readdirSync(join(ROOT, top)).map((name) => `${top}/${name}`));
  const graph = new Map<string, Set<string>>();
  for (const pkg of packages) {
    const deps = new Set<string>();
    for (const file of sources(join(ROOT, pkg))) {
      for (const [, lib] of readFileSync(file, 'utf8').matchAll(/from '@app\/([a-z-]+)/g)) if (`libs/${lib}` !== pkg) deps.add(`libs/${lib}`);
    }
    graph.set(pkg, deps);
  }
  return graph;
}

/** Package → the packages the README's mermaid diagram draws a solid arrow to. */
function drawnPackages(): { nodes: Map<string, string>; graph: Map<string, Set<string>> } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```mermaid\n(flowchart[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no mermaid flowchart');
  const nodes = new Map<string, string>();
  for (const [, id, pkg] of block.matchAll(/^\s*([A-Z]+)\[((?:apps|libs)\/[a-z-]+)/gm)) nodes.set(id, pkg);
  const graph = new Map<string, Set<string>>();
  for (const [, from, to] of block.matchAll(/^\s*([A-Z]+) --> ([A-Z]+)\s*$/gm)) {
    const source = nodes.get(from);
    const target = nodes.get(to);
    if (!source || !target) continue;
    graph.set(source, (graph.get(source) ?? new Set()).add(target));
  }
  return { nodes, graph };
}

const edges = (graph: Map<string, Set<string>>): string[] =>
  [...graph].flatMap(([from, to]) => [...to].map((target) => `${from} → ${target}`)).sort();

describe('the README diagram', () => {
  const actual = importedPackages();
  const drawn = drawnPackages();

  it('has a box for every app and library', () => {
    expect([...new Set(drawn.nodes.values())].sort()).toEqual([...actual.keys()].sort());
  });

  it('draws every import between packages, and nothing that is not one', () => {
    expect(edges(drawn.graph)).toEqual(edges(actual));
  });
});
