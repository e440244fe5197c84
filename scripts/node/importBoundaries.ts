import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The house's layer rules (DESIGN.md §1 "Layers"): a file's folder says where it runs and so what it may
// import. `npm test` runs this over the tree (test/unit/build/importBoundaries.test.ts).

export type Layer =
  | 'core'
  | 'room'
  | 'worker'
  | 'store'
  | 'ui'
  | 'components'
  | 'content'
  | 'background'
  | 'page';

/** Which layers each layer may import at run time; `import type` may also reach what a layer may name. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  room: ['core', 'room'],
  store: ['core', 'store'],
  worker: ['core', 'store', 'worker'],
  ui: ['core', 'store', 'ui'],
  components: ['core', 'store', 'ui', 'components'],
  content: ['core', 'room', 'content'],
  background: ['core', 'store', 'worker'],
  page: ['core', 'store', 'ui', 'components', 'page'],
};

/** Packages each layer may import at run time (prefix match; everything else is refused). */
const PACKAGES: Record<Layer, readonly string[]> = {
  core: ['zod'],
  // The content script stays tiny: no zod, Dexie or Preact (its overlay is plain DOM).
  room: ['wxt/utils/'],
  store: ['dexie'],
  worker: ['dexie', 'zod/mini', 'wxt/browser'],
  ui: ['dexie', '@preact/signals', 'papaparse', 'zod', 'wxt/browser'],
  components: ['preact', '@preact/signals', 'uplot'],
  content: ['wxt/utils/'],
  background: [],
  page: ['preact', '@preact/signals'],
};

/** Layers whose runtime imports may never reach these packages, even through another module. */
const NEVER_REACHES: Partial<Record<Layer, readonly string[]>> = {
  room: ['zod', 'dexie', 'preact', '@preact/signals', 'papaparse', 'uplot'],
  content: ['zod', 'dexie', 'preact', '@preact/signals', 'papaparse', 'uplot'],
  worker: ['preact', '@preact/signals', 'papaparse', 'uplot'],
  background: ['preact', '@preact/signals', 'papaparse', 'uplot'],
};

/** Pure code reads no clock, DOM, browser API or database: time and text arrive as arguments. */
const IMPURE_IN_CORE =
  /(?<![\w.])(?:Date\.now\(|new Date\(\)|performance\.now\(|Math\.random\(|document\.|window\.|browser\.|chrome\.|indexedDB\b|setTimeout\(|setInterval\()/;

export function layerOf(path: string): Layer | null {
  const p = path.replace(/\\/g, '/');
  const lib = /^lib\/(core|room|worker|store|ui)\//.exec(p);
  if (lib) return lib[1] as Layer;
  if (p.startsWith('components/')) return 'components';
  // The room's scripts: the isolated-world one and the main-world page-data tap (pageData.content.ts).
  if (p.startsWith('entrypoints/content/') || /^entrypoints\/[^/]+\.content\.ts$/.test(p)) return 'content';
  if (p === 'entrypoints/background.ts') return 'background';
  if (p.startsWith('entrypoints/')) return 'page';
  return null;
}

export interface ImportEdge {
  specifier: string;
  typeOnly: boolean;
}

const IMPORT =
  /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The imports a source file makes, as written (`import type` / `export type` marked type-only). */
export function importsOf(source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const m of source.matchAll(IMPORT)) {
    if (m[3]) edges.push({ specifier: m[3], typeOnly: true });
    else if (m[2]) edges.push({ specifier: m[2], typeOnly: Boolean(m[1]) || isTypeOnlyNamed(m[0]) });
  }
  return edges;
}

/** `import { type A, type B } from` is type-only too (the bundler drops it). */
function isTypeOnlyNamed(statement: string): boolean {
  const names = /\{([^}]*)\}/.exec(statement)?.[1];
  if (!names || /^\s*(?:import|export)\s+\w/.test(statement.replace(/^\s*(?:import|export)\s+\{/, '{'))) {
    return false;
  }
  const parts = names
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((part) => part.startsWith('type '));
}

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

export interface SourceTree {
  /** Project-relative path → source text. */
  files: ReadonlyMap<string, string>;
}

const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts'];

function resolveLocal(tree: SourceTree, from: string, specifier: string): string | null {
  const base = join(dirname(from), specifier).replace(/\\/g, '/');
  for (const ext of EXTENSIONS) if (tree.files.has(base + ext)) return base + ext;
  return null;
}

const packageName = (specifier: string) => specifier;
const allowedPackage = (allowed: readonly string[], specifier: string) =>
  allowed.some((p) => specifier === p || specifier.startsWith(p.endsWith('/') ? p : `${p}/`));

/** Every import in the tree that breaks the layer rules, with the reason. */
export function checkImportBoundaries(tree: SourceTree): Violation[] {
  const violations: Violation[] = [];
  const runtimePackages = new Map<string, Set<string>>();

  /** Packages a module reaches through its runtime imports, transitively. */
  const reach = (file: string, seen = new Set<string>()): Set<string> => {
    const cached = runtimePackages.get(file);
    if (cached) return cached;
    const out = new Set<string>();
    if (seen.has(file)) return out;
    seen.add(file);
    for (const edge of importsOf(tree.files.get(file) ?? '')) {
      if (edge.typeOnly || /\.(css|html|svg|png)$/.test(edge.specifier)) continue;
      if (edge.specifier.startsWith('.')) {
        const target = resolveLocal(tree, file, edge.specifier);
        if (target) for (const p of reach(target, seen)) out.add(p);
      } else out.add(packageName(edge.specifier));
    }
    runtimePackages.set(file, out);
    return out;
  };

  for (const [file, source] of tree.files) {
    const layer = layerOf(file);
    if (!layer || /\.test\.tsx?$/.test(file)) continue;
    if (layer === 'core') {
      source.split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/^\s*(?:\*|\/\*)/.test(line)) return;
        const hit = IMPURE_IN_CORE.exec(code);
        if (hit) violations.push({ file: `${file}:${i + 1}`, specifier: hit[0], reason: 'lib/core is pure' });
      });
    }
    for (const edge of importsOf(source)) {
      if (/\.(css|html|svg|png)$/.test(edge.specifier)) continue;
      if (edge.specifier.startsWith('.')) {
        const target = resolveLocal(tree, file, edge.specifier);
        if (!target) continue;
        const targetLayer = layerOf(target);
        if (!targetLayer) {
          violations.push({
            file,
            specifier: edge.specifier,
            reason: `${layer} may not import outside lib/`,
          });
          continue;
        }
        if (!MAY_IMPORT[layer].includes(targetLayer)) {
          violations.push({
            file,
            specifier: edge.specifier,
            reason: `${layer} may not import ${targetLayer}`,
          });
          continue;
        }
        if (!edge.typeOnly) {
          for (const banned of NEVER_REACHES[layer] ?? []) {
            const reached = [...reach(target)].find((p) => allowedPackage([banned], p));
            if (reached)
              violations.push({
                file,
                specifier: edge.specifier,
                reason: `${layer} must not carry ${reached}`,
              });
          }
        }
      } else if (!edge.typeOnly && !allowedPackage(PACKAGES[layer], edge.specifier)) {
        violations.push({
          file,
          specifier: edge.specifier,
          reason: `${layer} may not import ${edge.specifier}`,
        });
      }
    }
  }
  return violations;
}

/** The project's source files (entrypoints, components, lib) as a tree to check. */
export function readSourceTree(root: string): SourceTree {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name))
        files.set(relative(root, path).replace(/\\/g, '/'), readFileSync(path, 'utf8'));
    }
  };
  for (const top of ['entrypoints', 'components', 'lib']) walk(resolve(root, top));
  return { files };
}
