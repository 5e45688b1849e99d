import * as fs from 'fs';
import * as path from 'path';
import type { WorkspaceModules } from '../semantic/crossModule';

/** Modules larger than this are not read for calls across files (their own analysis still runs). */
const MAX_MODULE_BYTES = 1024 * 1024;

/** `import a.b`, `import a.b as c, d`, `from a.b import (x, y)`, `from . import x`: the modules a line may name. */
const importLine = /^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)|import[ \t]+([^\n#]+))/gm;

/**
 * The Python files of a workspace as modules, read from the file system: a module name resolves the
 * way Python's import system finds it for code in the workspace (the importing file's folder, the
 * folder above its top package, each root and its `src/`), never outside the roots. Open documents
 * can be given to read their current text instead of the file's.
 */
export class FileSystemModules implements WorkspaceModules {
  private readonly texts = new Map<string, { stamp: string; text: string | undefined }>();
  private readonly isFile = new Map<string, boolean>();
  private importerIndex: Map<string, string[]> | undefined;
  private readonly roots: string[];

  constructor(
    roots: readonly string[],
    /** Every Python file of the workspace (for the callers of a module's functions); read on the first need. */
    private readonly files: () => readonly string[],
    /** The current text of a file open in an editor, if it is. */
    private readonly openText: (file: string) => string | undefined = () => undefined,
  ) {
    this.roots = roots.map((root) => path.resolve(root));
  }

  resolve(module: string, importer: string | undefined): string | undefined {
    const dots = /^\.*/.exec(module)![0].length;
    const parts = module.slice(dots).split('.').filter(Boolean);
    if (dots > 0) {
      if (!importer) return undefined;
      let base = path.dirname(importer);
      for (let i = 1; i < dots; i++) base = path.dirname(base);
      return this.fileOf(base, parts);
    }
    if (parts.length === 0) return undefined;
    for (const base of this.searchPath(importer)) {
      const found = this.fileOf(base, parts);
      if (found) return found;
    }
    return undefined;
  }

  read(file: string): string | undefined {
    const open = this.openText(file);
    if (open !== undefined) return open;
    let stamp: string;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_MODULE_BYTES) return undefined;
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return undefined;
    }
    const known = this.texts.get(file);
    if (known?.stamp === stamp) return known.text;
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
      if (text.includes('\u0000')) text = undefined;
    } catch {
      text = undefined;
    }
    this.texts.set(file, { stamp, text });
    return text;
  }

  importers(file: string): readonly string[] {
    if (!this.importerIndex) {
      const index = new Map<string, Set<string>>();
      for (const candidate of this.files()) {
        const text = this.read(candidate);
        if (text === undefined) continue;
        for (const module of importedNames(text)) {
          const target = this.resolve(module, candidate);
          if (!target || target === candidate) continue;
          const set = index.get(target);
          if (set) set.add(candidate);
          else index.set(target, new Set([candidate]));
        }
      }
      this.importerIndex = new Map([...index].map(([target, set]) => [target, [...set].sort()]));
    }
    return this.importerIndex.get(path.resolve(file)) ?? [];
  }

  /** Forgets what was read of `file` (it changed): the importer index is built again when next needed. */
  changed(file: string): void {
    this.texts.delete(path.resolve(file));
    this.isFile.clear();
    this.importerIndex = undefined;
  }

  private within(file: string): boolean {
    return this.roots.some((root) => {
      const relative = path.relative(root, file);
      return !relative.startsWith('..') && !path.isAbsolute(relative);
    });
  }

  /** Where Python would look for a top-level module imported from `importer`. */
  private searchPath(importer: string | undefined): string[] {
    const bases: string[] = [];
    if (importer) {
      let folder = path.dirname(importer);
      bases.push(folder);
      while (this.exists(path.join(folder, '__init__.py')) && path.dirname(folder) !== folder) {
        folder = path.dirname(folder);
        bases.push(folder);
      }
    }
    for (const root of this.roots) bases.push(root, path.join(root, 'src'));
    return [...new Set(bases)].filter((base) => this.within(base) || this.within(path.join(base, 'x')));
  }

  private fileOf(base: string, parts: string[]): string | undefined {
    const stem = path.join(base, ...parts);
    for (const candidate of parts.length
      ? [`${stem}.py`, path.join(stem, '__init__.py')]
      : [path.join(stem, '__init__.py')]) {
      if (this.within(candidate) && this.exists(candidate)) return candidate;
    }
    return undefined;
  }

  private exists(file: string): boolean {
    if (this.openText(file) !== undefined) return true;
    let known = this.isFile.get(file);
    if (known === undefined) {
      try {
        known = fs.statSync(file).isFile();
      } catch {
        known = false;
      }
      this.isFile.set(file, known);
    }
    return known;
  }
}

/** The modules the import statements of `text` may name (for `from a import b`, both `a` and `a.b`). */
export function importedNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(importLine)) {
    if (match[1] !== undefined) {
      const module = match[1];
      names.push(module);
      for (const name of match[2].replace(/[()\\\n]/g, ' ').split(',')) {
        const word = name.trim().split(/\s+/)[0];
        if (/^\w+$/.test(word)) names.push(module.endsWith('.') ? `${module}${word}` : `${module}.${word}`);
      }
    } else {
      for (const name of match[3].split(',')) {
        const word = name.trim().split(/\s+/)[0];
        if (/^[\w.]+$/.test(word)) names.push(word);
      }
    }
  }
  return names;
}
