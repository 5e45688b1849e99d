import * as fs from 'fs';
import * as path from 'path';
import { callsOfText, type FileCalls, type WorkspaceModules } from '../semantic/crossModule';
import { importsOfText } from '../semantic/importLines';
import { detachedString } from '../core/text';
import { findPythonFiles } from './files';

/** Changes remembered one by one; past this many, a question about them is answered "anything may have changed". */
const MAX_LOGGED_CHANGES = 1000;

/** Modules larger than this are not read for calls across files (their own analysis still runs). */
const MAX_MODULE_BYTES = 1024 * 1024;
/** Texts of files kept read (the most recently read; the workspace index reads every file once). */
const KEPT_TEXTS = 64;

/**
 * Which workspace modules each Python file of a workspace imports, as plain data: built once by one thread and adopted
 * by others (`FileSystemModules.importIndex` and `adoptImportIndex`), so that the threads of a scan do not each read
 * every file of the workspace for it.
 */
export interface WorkspaceImportIndex {
  /** The workspace's Python files (the first `fileCount` paths), then the other files they import. */
  paths: string[];
  fileCount: number;
  /** Per file: its size and modification time when it was read ('' when it could not be read as a module). */
  stamps: string[];
  /** Per file: the indexes in `paths` of the workspace modules it imports. */
  imports: number[][];
  /** Per file: what it calls (null when it could not be read). */
  calls: (FileCalls | null)[];
}

/** How the threads of a scan share one index (see sharedImportIndex.ts). */
export interface ImportIndexExchange {
  /** The index another thread built (undefined: build it here). */
  take(): WorkspaceImportIndex | undefined;
  /** Called once the index is built here (`index` undefined: it could not be). */
  built(index: (() => WorkspaceImportIndex) | undefined): void;
  /** True while no thread has started building the index (nor sent one). */
  unclaimed?(): boolean;
}

/**
 * The Python files of a workspace as modules, read from the file system: a module name resolves the
 * way Python's import system finds it for code in the workspace (the importing file's folder, the
 * folder above its top package, each root and its `src/`), never outside the roots. Open documents
 * can be given to read their current text instead of the file's.
 */
export class FileSystemModules implements WorkspaceModules {
  private readonly texts = new Map<string, { stamp: string; text: string | undefined }>();
  /**
   * Folder listings read so far, each name with its kind (a link is looked up when asked about); undefined for a folder
   * that is not there. Most names a module could have are not there: one listing answers for all of a folder's.
   */
  private readonly listings = new Map<string, Map<string, EntryKind> | undefined>();
  private readonly resolved = new Map<string, string | undefined>();
  /** Where top-level modules are looked for, per importing folder. */
  private readonly searchPaths = new Map<string, string[]>();
  /** Files changed, in order (a generation is an index into it, counting the ones forgotten). */
  private log: string[] = [];
  private forgotten = 0;
  /** Files whose imports must be read again before the index is used. */
  private readonly stale = new Set<string>();
  /** Per file, the workspace modules it imports, and the other way round (built on the first question). */
  private imports: Map<string, Set<string>> | undefined;
  private importedBy: Map<string, Set<string>> | undefined;
  /** The stamp of each file when its imports were read (none for a file open in an editor or not readable). */
  private readonly indexedStamps = new Map<string, string>();
  /** What each file with a stamp calls, read with its imports (`callsOfText`). */
  private readonly calls = new Map<string, FileCalls>();
  private roots: string[];
  private rootPrefixes: [string, string][];

  constructor(
    roots: readonly string[],
    /** Every Python file of the workspace (for the callers of a module's functions); read on the first need. */
    private readonly files: () => readonly string[] = () => pythonFilesUnder(this.roots),
    /** The current text of a file open in an editor, if it is. */
    private readonly openText: (file: string) => string | undefined = () => undefined,
    /** Where an index another thread built for the same workspace is had, and this one's goes once built. */
    private readonly exchange?: ImportIndexExchange,
  ) {
    this.roots = roots.map((root) => path.resolve(root));
    this.rootPrefixes = this.roots.map(rootPrefix);
  }

  generation(): number {
    return this.forgotten + this.log.length;
  }

  resolve(module: string, importer: string | undefined): string | undefined {
    // Every file of a folder resolves a name the same way: answers are kept per folder until a file changes.
    const key = `${importer ? path.dirname(importer) : ''}\u0000${module}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const found = this.find(module, importer);
    // `module` is read from the importer's text: the key is kept after that text is gone.
    this.resolved.set(detachedString(key), found);
    return found;
  }

  private find(module: string, importer: string | undefined): string | undefined {
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
    const stamp = this.diskStamp(file);
    if (stamp === undefined) {
      this.texts.delete(file);
      return undefined;
    }
    const known = this.texts.get(file);
    if (known?.stamp === stamp) {
      // Most recently read last.
      this.texts.delete(file);
      this.texts.set(file, known);
      return known.text;
    }
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
      if (text.includes('\u0000')) text = undefined;
    } catch {
      text = undefined;
    }
    this.texts.set(file, { stamp, text });
    if (this.texts.size > KEPT_TEXTS) this.texts.delete(this.texts.keys().next().value!);
    return text;
  }

  stamp(file: string): string | undefined {
    return this.openText(file) === undefined ? this.diskStamp(file) : undefined;
  }

  /** The size and modification time of a file small enough to be read as a module, else undefined. */
  private diskStamp(file: string): string | undefined {
    try {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.size > MAX_MODULE_BYTES) return undefined;
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return undefined;
    }
  }

  importers(file: string): readonly string[] {
    this.buildIndex();
    const found = this.importedBy!.get(path.resolve(file));
    return found ? [...found].sort() : [];
  }

  /** The index of what each file imports, as data another thread can adopt (built if it was not). */
  importIndex(): WorkspaceImportIndex {
    this.buildIndex();
    const files = [...this.imports!.keys()];
    const paths = [...files];
    const at = new Map(files.map((file, index) => [file, index]));
    const indexOf = (target: string) => {
      let index = at.get(target);
      if (index === undefined) {
        index = paths.push(target) - 1;
        at.set(target, index);
      }
      return index;
    };
    return {
      paths,
      fileCount: files.length,
      stamps: files.map((file) => this.indexedStamps.get(file) ?? ''),
      imports: files.map((file) => [...this.imports!.get(file)!].map(indexOf)),
      calls: files.map((file) => this.calls.get(file) ?? null),
    };
  }

  /**
   * Builds the index now when threads share it and none has started to: the first thread to start a workspace's files
   * builds it before its first analysis, so that the others, which need it soon after (the callers of a function in
   * another module), wait less for it or not at all. Alone, a thread builds it when first asked.
   */
  buildSharedIndexEarly(): void {
    if (this.imports || !this.exchange?.unclaimed?.()) return;
    try {
      this.buildIndex();
    } catch {
      // Not built after all (the exchange was told): the first question builds it, or meets the failure itself.
      this.imports = undefined;
      this.importedBy = undefined;
    }
  }

  indexedCalls(file: string, stamp: string): FileCalls | undefined {
    return this.indexedStamps.get(file) === stamp ? this.calls.get(file) : undefined;
  }

  /**
   * Takes the index another thread built over the same roots and files instead of reading every file for it; a file
   * whose size or modification time is not what the index read, or that is open in an editor, is read again when the
   * index is next used.
   */
  adoptImportIndex(index: WorkspaceImportIndex): void {
    this.imports = new Map();
    this.importedBy = new Map();
    this.indexedStamps.clear();
    this.calls.clear();
    for (let i = 0; i < index.fileCount; i++) {
      const file = index.paths[i];
      const stamp = index.stamps[i];
      const now = this.stamp(file) ?? '';
      if (now !== stamp || this.openText(file) !== undefined) {
        this.imports.set(file, new Set());
        this.stale.add(file);
        continue;
      }
      this.indexedStamps.set(file, stamp);
      const calls = index.calls[i];
      if (calls) this.calls.set(file, calls);
      else this.calls.delete(file);
      this.record(file, new Set(index.imports[i].map((target) => index.paths[target])));
    }
  }

  private buildIndex(): void {
    if (!this.imports) {
      const shared = this.exchange?.take();
      if (shared) this.adoptImportIndex(shared);
      else {
        this.imports = new Map();
        this.importedBy = new Map();
        let built = false;
        try {
          for (const candidate of this.files()) this.index(candidate);
          built = true;
        } finally {
          this.exchange?.built(built ? () => this.importIndex() : undefined);
        }
      }
    }
    for (const changed of this.stale) this.index(changed);
    this.stale.clear();
  }

  /**
   * Forgets what was read of `file` (it changed on disk, or its open document changed): its imports are read again,
   * and the rest of the index is kept.
   */
  changed(file: string): void {
    this.edited(file);
    // Created or deleted: where names resolve may have changed.
    this.listings.clear();
    this.resolved.clear();
    this.searchPaths.clear();
  }

  /** The text of an open document changed (the file still exists): its imports are read again when next needed. */
  edited(file: string): void {
    const full = path.resolve(file);
    this.log.push(full);
    if (this.log.length > MAX_LOGGED_CHANGES) {
      this.forgotten += this.log.length;
      this.log = [];
    }
    this.texts.delete(full);
    if (this.imports) this.stale.add(full);
  }

  changedSince(generation: number): readonly string[] | undefined {
    if (generation < this.forgotten) return undefined;
    return this.log.slice(generation - this.forgotten);
  }

  /** Other roots (workspace folders added or removed): everything is read again when next needed. */
  setRoots(roots: readonly string[]): void {
    this.forgotten += this.log.length + 1;
    this.log = [];
    this.roots = roots.map((root) => path.resolve(root));
    this.rootPrefixes = this.roots.map(rootPrefix);
    this.texts.clear();
    this.listings.clear();
    this.resolved.clear();
    this.searchPaths.clear();
    this.imports = undefined;
    this.importedBy = undefined;
    this.indexedStamps.clear();
    this.calls.clear();
  }

  /** Records which workspace modules `file` imports (replacing what it imported before). */
  private index(file: string): void {
    const targets = new Set<string>();
    const text = this.read(file);
    const imports = text === undefined ? undefined : importsOfText(text);
    if (imports) {
      for (const module of imports.modules) {
        const target = this.resolve(module, file);
        if (target && target !== file) targets.add(target);
      }
    }
    // What `read` found on disk (an open document's text has no stamp).
    const stamp = this.openText(file) === undefined ? this.texts.get(file)?.stamp : undefined;
    if (stamp !== undefined) this.indexedStamps.set(file, stamp);
    else this.indexedStamps.delete(file);
    if (stamp !== undefined && text !== undefined) this.calls.set(file, callsOfText(text, imports));
    else this.calls.delete(file);
    this.record(file, targets);
  }

  private record(file: string, targets: Set<string>): void {
    for (const target of this.imports!.get(file) ?? []) this.importedBy!.get(target)?.delete(file);
    this.imports!.set(file, targets);
    for (const target of targets) {
      const set = this.importedBy!.get(target);
      if (set) set.add(file);
      else this.importedBy!.set(target, new Set([file]));
    }
  }

  private within(file: string): boolean {
    if (!path.isAbsolute(file))
      return this.roots.some((root) => {
        const relative = path.relative(root, file);
        return !relative.startsWith('..') && !path.isAbsolute(relative);
      });
    // An absolute path made by path.join is normalised: a prefix test says what path.relative would.
    const key = foldCase(file);
    return this.rootPrefixes.some(([root, prefix]) => key === root || key.startsWith(prefix));
  }

  /** Where Python would look for a top-level module imported from `importer` (kept per folder, as resolutions are). */
  private searchPath(importer: string | undefined): string[] {
    const key = importer ? path.dirname(importer) : '';
    let bases = this.searchPaths.get(key);
    if (!bases) {
      bases = this.findSearchPath(importer);
      this.searchPaths.set(key, bases);
    }
    return bases;
  }

  private findSearchPath(importer: string | undefined): string[] {
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
    // A package before a module of the same name, as Python's finder takes them.
    for (const candidate of parts.length
      ? [path.join(stem, '__init__.py'), `${stem}.py`]
      : [path.join(stem, '__init__.py')]) {
      if (this.within(candidate) && this.exists(candidate)) return candidate;
    }
    return undefined;
  }

  private exists(file: string): boolean {
    if (this.openText(file) !== undefined) return true;
    return this.kindOf(file) === 'file';
  }

  /** Whether `target` is a file or a folder, read from its folder's listing (a root is looked up itself). */
  private kindOf(target: string): 'file' | 'folder' | undefined {
    const folder = path.dirname(target);
    if (folder === target || this.roots.includes(target)) return statKind(target);
    let listing = this.listings.get(folder);
    if (!this.listings.has(folder)) {
      listing = this.kindOf(folder) === 'folder' ? listFolder(folder) : undefined;
      this.listings.set(folder, listing);
    }
    const kind = listing?.get(path.basename(target));
    if (kind === 'missing') return undefined;
    if (kind !== 'link') return kind;
    const linked = statKind(target);
    listing!.set(path.basename(target), linked ?? 'missing');
    return linked;
  }
}

/** Paths as the file system compares them (path.relative compares them without case on Windows). */
const foldCase = (file: string) => (process.platform === 'win32' ? file.toLowerCase() : file);

/** A root as itself and as the prefix of the paths inside it. */
const rootPrefix = (root: string): [string, string] => [
  foldCase(root),
  foldCase(root.endsWith(path.sep) ? root : root + path.sep),
];

/** What a folder's listing says of a name: a link's kind is looked up on the first question about it. */
type EntryKind = 'file' | 'folder' | 'link' | 'missing';

function listFolder(folder: string): Map<string, EntryKind> | undefined {
  try {
    const listing = new Map<string, EntryKind>();
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.isFile()) listing.set(entry.name, 'file');
      else if (entry.isDirectory()) listing.set(entry.name, 'folder');
      else if (entry.isSymbolicLink()) listing.set(entry.name, 'link');
    }
    return listing;
  } catch {
    return undefined;
  }
}

function statKind(target: string): 'file' | 'folder' | undefined {
  try {
    // No exception (and its stack) for a name that is not there.
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    return stat?.isFile() ? 'file' : stat?.isDirectory() ? 'folder' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The modules of a scan's workspace: its Python files are the ones a scan of the roots finds, less what it excludes
 * (every thread of a scan sees the same workspace).
 */
export function workspaceModules(
  workspace: { roots: readonly string[]; exclude: readonly string[] },
  openText?: (file: string) => string | undefined,
  exchange?: ImportIndexExchange,
): FileSystemModules {
  const { roots, exclude } = workspace;
  let files: string[] | undefined;
  return new FileSystemModules(
    roots,
    () => {
      files ??= findPythonFiles(roots, exclude, roots[0] ?? '.').files.filter((file) => /\.pyw?$/.test(file));
      return files;
    },
    openText,
    exchange,
  );
}

/** The Python files under `roots` (virtual environments and the usual build folders skipped). */
function pythonFilesUnder(roots: readonly string[]): string[] {
  if (roots.length === 0) return [];
  return findPythonFiles(roots, [], roots[0]).files.filter((file) => /\.pyw?$/.test(file));
}
