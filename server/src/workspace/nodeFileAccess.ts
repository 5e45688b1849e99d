import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { FileAccess } from '../core/fileAccess';
import { useRuleDocs } from '../docs/location';
import { useAdvisoryFiles } from '../packaging/advisoryFiles';
import type { WasmFiles } from '../parser/parser';

/** The desktop's and the CLI's file access: Node's file system and path rules. */
export const nodeFileAccess: FileAccess = {
  stat(file) {
    try {
      // A missing file (the common answer: settings look for pyproject.toml in every folder up to the root) without
      // an exception, which costs more than the system call.
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      return stat && { isFile: stat.isFile(), isDirectory: stat.isDirectory(), size: stat.size, mtimeMs: stat.mtimeMs };
    } catch {
      return undefined;
    }
  },
  readText(file) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
  },
  dirname: (file) => path.dirname(file),
  join: (dir, name) => path.join(dir, name),
  isAbsolute: (file) => path.isAbsolute(file),
};

/** A file shipped next to the bundles (dist/) or, run from source, found by `fromSource`. */
function shipped(file: string, fromSource: () => string): string {
  const besideBundle = path.join(__dirname, file);
  return fs.existsSync(besideBundle) ? besideBundle : fromSource();
}

/** A file of an installed package (run from source: the bundles have their copies beside them). */
function fromPackage(packageName: string, file: string): string {
  return require.resolve(`${packageName}/${file}`);
}

/** The tree-sitter runtime and the Python grammar on disk. */
export function nodeWasmFiles(): WasmFiles {
  return {
    runtime: shipped('web-tree-sitter.wasm', () => fromPackage('web-tree-sitter', 'web-tree-sitter.wasm')),
    grammar: shipped('tree-sitter-python.wasm', () => fromPackage('tree-sitter-python', 'tree-sitter-python.wasm')),
  };
}

/** The shipped advisory data: beside the bundles (dist/advisories/) or, run from source, data/advisories/. */
export function shippedAdvisoryFile(): string {
  return shipped(path.join('advisories', 'pypi-advisories.json'), () =>
    path.join(__dirname, '..', '..', '..', 'data', 'advisories', 'pypi-advisories.json'),
  );
}

/** Makes the analysis read advisory data through Node: each Node program (server, CLI, scan worker) calls this once. */
export function useNodeAdvisories(): void {
  useAdvisoryFiles(nodeFileAccess, shippedAdvisoryFile());
}

/** The rule pages beside the bundles (dist/../docs) or, run from source, the repository's docs/. */
export function useNodeRuleDocs(): void {
  const candidates = [path.join(__dirname, '..', 'docs'), path.join(__dirname, '..', '..', '..', 'docs')];
  const folder = candidates.find((candidate) => fs.existsSync(path.join(candidate, 'rules'))) ?? candidates[0];
  useRuleDocs(pathToFileURL(folder).toString());
}
