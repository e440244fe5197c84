import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The house's layer rules (DESIGN.md §1 "Layers"): a file's folder says where it runs and so what it may
// import. `npm test` runs this over the tree (test/unit/scripts/node/importBoundaries.test.ts).

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

/**
 * Inside lib/core, its sub-folders are a one-way stack, lowest first: a folder imports its own files and
 * folders on lower levels only, never one beside it or above it (type-only imports too: a type circle is
 * still a circle a reader must hold). The files at the root of lib/core are the lowest level. A new folder
 * must be placed here before it can be imported.
 */
export const CORE_LEVELS: readonly (readonly string[])[] = [
  ['.'], // zodMini, the extension's page paths, the settings issue shape
  ['i18n', 'metrics'], // message catalogues and the translator; what a metric is
  ['comments', 'products'], // reading the comment stream; the products contract
  ['engine'], // the cue engine and its rules: it speaks message keys and numbers, never text
  ['settings'], // what the operator set: rule settings, plan, bindings
  ['messages'], // what crosses contexts: samples, ports, commands
  ['format', 'cues', 'scenario', 'shortcuts'], // numbers, times and cues as text; cues as shown; scripted rooms; keys
];

/** The core folder of a path under lib/core (`engine/rules` is `engine`), or `.` for its root files. */
export function coreFolderOf(path: string): string {
  const rest = path.replace(/\\/g, '/').replace(/^lib\/core\//, '');
  return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : '.';
}

const coreLevelOf = (folder: string) => CORE_LEVELS.findIndex((level) => level.includes(folder));

/** Why `file` may not import `target` (both in lib/core), or null when the stack allows it. */
function coreStackRefusal(file: string, target: string): string | null {
  const from = coreFolderOf(file);
  const to = coreFolderOf(target);
  if (from === to) return null;
  const fromLevel = coreLevelOf(from);
  const toLevel = coreLevelOf(to);
  if (fromLevel < 0) return `core/${from} is not placed in the core stack (CORE_LEVELS)`;
  if (toLevel < 0) return `core/${to} is not placed in the core stack (CORE_LEVELS)`;
  if (toLevel > fromLevel) return `core/${from} may not import core/${to}, which sits above it`;
  if (toLevel === fromLevel) return `core/${from} may not import core/${to}, which sits beside it`;
  return null;
}

/** The specifier that reaches `target` from `file` by the shortest path (no detour out of a folder and back). */
function shortestSpecifier(file: string, target: string): string {
  const rel = relative(dirname(file), target.replace(/(\/index)?\.tsx?$/, '')).replace(/\\/g, '/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Pure code reads no clock, DOM, browser API or database: time and text arrive as arguments. */
const IMPURE_IN_CORE =
  /(?<![\w.])(?:Date\.now\(|new Date\(\)|performance\.now\(|Math\.random\(|document\.|window\.|browser\.|chrome\.|indexedDB\b|setTimeout\(|setInterval\()/;

export function layerOf(path: string): Layer | null {
  const p = path.replace(/\\/g, '/');
  const lib = /^lib\/(core|room|worker|store|ui)\//.exec(p);
  if (lib) return lib[1] as Layer;
  if (p.startsWith('components/')) return 'components';
  // The room's scripts: the isolated-world loader, the room module it imports (contentRoom.ts, an unlisted
  // script to WXT) and the main-world page-data tap (pageData.content.ts).
  if (
    p.startsWith('entrypoints/content/') ||
    p === 'entrypoints/contentRoom.ts' ||
    /^entrypoints\/[^/]+\.content\.ts$/.test(p)
  )
    return 'content';
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
        const shortest = shortestSpecifier(file, target);
        if (edge.specifier !== shortest && edge.specifier.replace(/\/index$/, '') !== shortest) {
          violations.push({ file, specifier: edge.specifier, reason: `import it as ${shortest}` });
        }
        if (layer === 'core') {
          const refusal = coreStackRefusal(file, target);
          if (refusal) violations.push({ file, specifier: edge.specifier, reason: refusal });
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
