import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from '../core/sizes';
import { skippedDirectories } from './skippedFolders';

const pythonExtensions = new Set(['.py', '.pyw']);

export { DEFAULT_MAX_FILE_BYTES, formatBytes } from '../core/sizes';

export interface WalkResult {
  files: string[];
  /** Paths that could not be listed or read, with the reason. */
  problems: { path: string; reason: string }[];
}

/** A directory is a virtual environment when it has a pyvenv.cfg, whatever its name. */
function isVirtualEnvironment(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg'));
}

/**
 * Python files under the given paths (files are taken as given), skipping the folders above,
 * virtual environments and the `exclude` globs (matched against the path relative to `root`).
 * `isOtherFile` adds files that are not Python but have rules of their own (requirements*.txt,
 * pyproject.toml, .env). Symbolic links to directories are not followed, so link loops cannot trap the walk.
 */
export function findPythonFiles(
  paths: readonly string[],
  exclude: readonly string[],
  root: string,
  isOtherFile: (file: string) => boolean = () => false,
): WalkResult {
  const wanted = (full: string) => pythonExtensions.has(path.extname(full)) || isOtherFile(full);
  const isExcluded = exclude.length ? picomatch(exclude as string[], { dot: true }) : () => false;
  const result: WalkResult = { files: [], problems: [] };
  const excluded = (full: string) => {
    const relative = path.relative(root, full).split(path.sep).join('/');
    return isExcluded(relative) || isExcluded(`${relative}/`);
  };
  const visit = (full: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = explicit ? fs.statSync(full) : fs.lstatSync(full);
    } catch (error) {
      result.problems.push({ path: full, reason: describeError(error) });
      return;
    }
    if (stat.isSymbolicLink()) {
      try {
        if (fs.statSync(full).isFile() && wanted(full) && !excluded(full)) result.files.push(full);
      } catch (error) {
        result.problems.push({ path: full, reason: describeError(error) });
      }
      return;
    }
    if (stat.isDirectory()) {
      if (!explicit && (skippedDirectories.has(path.basename(full)) || isVirtualEnvironment(full) || excluded(full)))
        return;
      let entries: string[];
      try {
        entries = fs.readdirSync(full).sort();
      } catch (error) {
        result.problems.push({ path: full, reason: describeError(error) });
        return;
      }
      for (const entry of entries) visit(path.join(full, entry), false);
      return;
    }
    if (stat.isFile() && (explicit || (wanted(full) && !excluded(full)))) result.files.push(full);
    else if (!stat.isFile() && explicit) result.problems.push({ path: full, reason: 'not a regular file' });
  };
  for (const p of paths) visit(path.resolve(p), true);
  return result;
}

/**
 * Whether `file` (under `root`) is one the walk above would skip: inside a skipped folder or a
 * virtual environment, matched by `exclude`, or neither a Python file nor one `isOtherFile` wants.
 * For single-file change events.
 */
export function isSkippedPath(
  file: string,
  exclude: readonly string[],
  root: string,
  isOtherFile: (file: string) => boolean = () => false,
): boolean {
  if (!pythonExtensions.has(path.extname(file)) && !isOtherFile(file)) return true;
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return true;
  const isExcluded = exclude.length ? picomatch(exclude as string[], { dot: true }) : () => false;
  const parts = relative.split(path.sep);
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (
      skippedDirectories.has(parts[i - 1]) ||
      isExcluded(dir) ||
      isExcluded(`${dir}/`) ||
      isVirtualEnvironment(path.join(root, ...parts.slice(0, i)))
    )
      return true;
  }
  return isExcluded(parts.join('/'));
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    default:
      return code ? `${code}: ${(error as Error).message}` : String(error);
  }
}

/** `unreadable`: the file could not be read at all (an I/O error), not skipped by choice. */
export type SourceRead = { text: string } | { skipped: string; unreadable?: true };
export type SourceBytes = { bytes: Buffer } | { skipped: string; unreadable?: true };

/** Reads a Python file, or says why it is skipped: too large, binary, or unreadable. */
export function readSource(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): SourceRead {
  const read = readSourceBytes(file, maxBytes);
  return 'skipped' in read ? read : { text: decodeText(read.bytes) };
}

/**
 * readSource without the decoding: the bytes of a file that is not skipped, for a caller that
 * hands them to the thread that analyses them (decodeText gives the same text readSource does).
 */
export function readSourceBytes(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): SourceBytes {
  let buffer: Buffer;
  try {
    const stat = fs.statSync(file);
    // A FIFO or device would block the read forever.
    if (!stat.isFile()) return { skipped: 'not a regular file' };
    const size = stat.size;
    if (size > maxBytes)
      return { skipped: `larger than the ${formatBytes(maxBytes)} size limit (${formatBytes(size)})` };
    buffer = fs.readFileSync(file);
  } catch (error) {
    return { skipped: `cannot read (${describeError(error)})`, unreadable: true };
  }
  return isBinary(buffer) ? { skipped: binarySkip } : { bytes: buffer };
}

const binarySkip = 'binary file (contains NUL bytes)';
const isBinary = (buffer: Uint8Array) => buffer.subarray(0, 8192).includes(0);

/** Binary content (a NUL byte in the first 8 KiB) is skipped; invalid UTF-8 is decoded with replacement characters. */
export function decodeSource(buffer: Buffer): SourceRead {
  if (isBinary(buffer)) return { skipped: binarySkip };
  return { text: decodeText(buffer) };
}

/** A source file's text from its bytes: UTF-8, invalid sequences replaced, a byte-order mark kept. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}
