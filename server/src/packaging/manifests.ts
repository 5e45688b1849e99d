import { parse as parseToml } from 'smol-toml';
import { parseRequirement } from './requirements';
import { isSpecifier } from './versions';

/**
 * Reads the dependencies a Python project declares or locks, with where each is written:
 * requirements files (`requirements*.txt`, `requirements.in`, files in a `requirements/` folder),
 * `pyproject.toml` (`[project]`, `[dependency-groups]`, Poetry), `setup.cfg`, `Pipfile`,
 * `Pipfile.lock`, `poetry.lock`, `uv.lock` and `pylock.toml`. Bad input gives `problems`, never an
 * exception.
 */

export type ManifestKind =
  | 'requirements'
  | 'pyproject.toml'
  | 'setup.cfg'
  | 'Pipfile'
  | 'Pipfile.lock'
  | 'poetry.lock'
  | 'uv.lock'
  | 'pylock.toml';

export interface Dependency {
  name: string;
  /** PEP 440 specifier ('' when none). For a lock file, `==<locked version>`. */
  specifier: string;
  /** The version a lock file records; undefined for a manifest (its specifier says it). */
  locked?: string;
  /** What a finding covers: the requirement (manifests) or the locked version (lock files). */
  start: number;
  end: number;
  /**
   * The file offset of the specifier's first character when its versions are written in the file
   * one for one (an edit may replace one of them there); undefined when the file spells it otherwise.
   */
  specifierAt?: number;
  /** Why no textual edit of the version would be correct here (hashes, a lock file). */
  noEdit?: string;
}

export interface ManifestProblem {
  start: number;
  end: number;
  message: string;
}

export interface Manifest {
  kind: ManifestKind;
  dependencies: Dependency[];
  problems: ManifestProblem[];
}

/** `requirements.txt`, `dev-requirements.in`, `requirements_test.txt`, and pip's constraints files (`constraints.txt`). */
const requirementsName = /^(?:.*[-_.])?(?:requirements|constraints)(?:[-_.].*)?\.(?:txt|in)$/i;
/** Files in a `requirements/` folder under the names projects give them (`base.txt`, `dev.in`, ...). */
export const requirementsFolderName =
  /^(?:all|base|build|ci|common|core|default|deploy|dev|develop|development|docs?|extras?|lint|local|main|optional|prod|production|runtime|staging|test|tests|testing|typing)\.(?:txt|in)$/i;

/** The base names the dependency checks read (a requirements folder's files also need the folder: see manifestKind). */
export const manifestFileName =
  /^(?:pyproject\.toml|setup\.cfg|Pipfile|Pipfile\.lock|poetry\.lock|uv\.lock|pylock(?:\.[^./\\]+)?\.toml|(?:.*[-_.])?(?:requirements|constraints)(?:[-_.].*)?\.(?:txt|in)|(?:all|base|build|ci|common|core|default|deploy|dev|develop|development|docs?|extras?|lint|local|main|optional|prod|production|runtime|staging|test|tests|testing|typing)\.(?:txt|in))$/i;

/** Which manifest a path is, by its name (and, for `requirements/base.txt`, its folder); undefined for others. */
export function manifestKind(filePath: string): ManifestKind | undefined {
  const parts = filePath.split(/[\\/]/);
  const name = parts[parts.length - 1];
  const folder = parts.length > 1 ? parts[parts.length - 2] : '';
  if (/^pyproject\.toml$/i.test(name)) return 'pyproject.toml';
  if (/^setup\.cfg$/i.test(name)) return 'setup.cfg';
  if (name === 'Pipfile') return 'Pipfile';
  if (name === 'Pipfile.lock') return 'Pipfile.lock';
  if (name === 'poetry.lock') return 'poetry.lock';
  if (name === 'uv.lock') return 'uv.lock';
  if (/^pylock(?:\.[^.]+)?\.toml$/.test(name)) return 'pylock.toml';
  if (requirementsName.test(name)) return 'requirements';
  if (requirementsFolderName.test(name) && /^requirements$/i.test(folder)) return 'requirements';
  return undefined;
}

const lineEnd = (text: string, at: number) => {
  const newline = text.indexOf('\n', at);
  return newline < 0 ? text.length : newline;
};

function syntaxProblem(text: string, kind: string, error: unknown): ManifestProblem {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return { start: 0, end: lineEnd(text, 0), message: `${kind} cannot be parsed: ${message}` };
}

/** Reads a manifest; an unknown kind gives nothing. */
export function readManifest(filePath: string, text: string): Manifest | undefined {
  const kind = manifestKind(filePath);
  if (!kind) return undefined;
  const manifest: Manifest = { kind, dependencies: [], problems: [] };
  switch (kind) {
    case 'requirements':
      readRequirements(filePath, text, manifest);
      break;
    case 'setup.cfg':
      readSetupCfg(text, manifest);
      break;
    case 'Pipfile.lock':
      readPipfileLock(text, manifest);
      break;
    default: {
      let document: Record<string, unknown>;
      try {
        document = parseToml(text);
      } catch (error) {
        manifest.problems.push(syntaxProblem(text, kind, error));
        return manifest;
      }
      if (kind === 'pyproject.toml') readPyproject(text, document, manifest);
      else if (kind === 'Pipfile') readPipfile(text, document, manifest);
      else readTomlLock(text, document, manifest);
    }
  }
  return manifest;
}

// --- requirements files ------------------------------------------------------------------------

/**
 * One requirement per logical line: as pip reads them, a trailing backslash joins the next line, then
 * comments go. Options (`-r`, `-c`, `-e`, `--index-url`, ...), paths and URLs are skipped;
 * `--hash` options are noted (no edit then).
 */
function readRequirements(filePath: string, text: string, manifest: Manifest): void {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const firstLineNumber = i + 1;
    // Pieces of the logical line and where each starts in the file.
    const pieces: { at: number; file: number; text: string }[] = [];
    let logical = '';
    for (;;) {
      const line = lines[i].replace(/\r$/, '');
      const continued = /\\$/.test(line) && !/(?:^|\s)#/.test(line) && i + 1 < lines.length;
      const piece = continued ? line.slice(0, -1) : line;
      pieces.push({ at: logical.length, file: offset, text: piece });
      logical += piece;
      offset += lines[i].length + 1;
      if (!continued) break;
      i++;
    }
    const toFile = (at: number) => {
      const piece = [...pieces].reverse().find((p) => p.at <= at)!;
      return piece.file + (at - piece.at);
    };
    const sameLine = (from: number, to: number) =>
      pieces.findIndex((p) => p.at <= from && from < p.at + p.text.length) ===
      pieces.findIndex((p) => p.at < to && to <= p.at + p.text.length);
    const content = logical.replace(/(?:^|\s)#.*$/, '');
    const trimmed = content.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith('-')) {
      const unread = includeNotRead(filePath, trimmed);
      const at = content.indexOf(trimmed);
      if (unread)
        manifest.problems.push({
          start: toFile(at),
          end: toFile(at + trimmed.length - 1) + 1,
          message: `${unread} is included here but not read by this check (it reads requirements*.txt, *.in and constraints*.txt files, and the usual names in a requirements/ folder): rename it, or audit it with pip-audit`,
        });
      continue;
    }
    // Paths, URLs, archives and environment variables: not a name and version to look up.
    if (/^[./\\~]|:\/\/|^\w+\+|\$\{|\.(?:whl|zip|tar\.gz|tgz|tar\.bz2)\b/i.test(trimmed)) continue;
    const optionAt = trimmed.search(/\s--?[a-z]/i);
    const requirementText = optionAt < 0 ? trimmed : trimmed.slice(0, optionAt);
    const requirement = parseRequirement(requirementText);
    const at = content.indexOf(trimmed);
    if (!requirement) {
      manifest.problems.push({
        start: toFile(at),
        end: toFile(at + trimmed.length - 1) + 1,
        message: `line ${firstLineNumber} is not a requirement this check can read (\`${trimmed.slice(0, 60)}\`)`,
      });
      continue;
    }
    if (requirement.direct) continue;
    const hashed = /(?:^|\s)--hash[=\s]/.test(trimmed);
    const specifierStart = at + requirement.specifierAt;
    manifest.dependencies.push({
      name: requirement.name,
      specifier: requirement.specifier,
      start: toFile(at),
      end: toFile(at + requirement.end - 1) + 1,
      // Versions that the line breaks apart cannot be replaced in place.
      specifierAt: sameLine(specifierStart, specifierStart + requirement.specifier.length)
        ? toFile(specifierStart)
        : undefined,
      ...(hashed
        ? {
            noEdit:
              'the requirement carries --hash values, which a new version would not match: raise the version in the input file and regenerate (pip-compile --generate-hashes)',
          }
        : {}),
    });
  }
}

/** The file an `-r`/`-c` line includes, when this check does not read it by its name; undefined otherwise. */
function includeNotRead(filePath: string, line: string): string | undefined {
  const include = /^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?<=^-[rc]))(\S+)/.exec(line);
  if (!include || /:\/\//.test(include[1]) || include[1].includes('$')) return undefined;
  const folder = filePath.split(/[\\/]/).slice(0, -1);
  const parts = [...folder, ...include[1].split(/[\\/]/)];
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..') resolved.pop();
    else if (part !== '.') resolved.push(part);
  }
  return manifestKind(resolved.join('/')) ? undefined : include[1];
}

// --- setup.cfg ---------------------------------------------------------------------------------

/** `[options] install_requires` and `[options.extras_require]`: one requirement per value line. */
function readSetupCfg(text: string, manifest: Manifest): void {
  let section = '';
  let inList = false;
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      section = header[1].trim().toLowerCase();
      inList = false;
      return;
    }
    if (/^\s*[#;]/.test(line) || !line.trim()) return;
    const indented = /^\s/.test(line);
    let value: string;
    let valueAt: number;
    if (!indented) {
      const equals = line.search(/[=:]/);
      const key = equals < 0 ? '' : line.slice(0, equals).trim().toLowerCase();
      inList =
        equals > 0 && ((section === 'options' && key === 'install_requires') || section === 'options.extras_require');
      if (!inList) return;
      value = line.slice(equals + 1);
      valueAt = equals + 1;
    } else {
      if (!inList) return;
      value = line;
      valueAt = 0;
    }
    const comment = value.search(/\s#/);
    const trimmed = (comment < 0 ? value : value.slice(0, comment)).trim();
    if (!trimmed || trimmed.startsWith('file:')) return;
    const start = lineStart + valueAt + value.indexOf(trimmed);
    const requirement = parseRequirement(trimmed);
    if (!requirement) {
      manifest.problems.push({
        start,
        end: start + trimmed.length,
        message: `line ${index + 1} is not a requirement this check can read`,
      });
      return;
    }
    if (requirement.direct) return;
    manifest.dependencies.push({
      name: requirement.name,
      specifier: requirement.specifier,
      start,
      end: start + requirement.end,
      specifierAt: start + requirement.specifierAt,
    });
  });
}

// --- TOML manifests ----------------------------------------------------------------------------

const isTable = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Offset of a `[header]` line (any spacing and quoting of its dotted keys), or -1. */
function headerAt(text: string, dotted: readonly string[]): number {
  const wanted = dotted.join('.');
  let offset = 0;
  for (const line of text.split('\n')) {
    const header = /^[ \t]*\[([^[\]\n]*)\]/.exec(line);
    if (header && !line.trimStart().startsWith('[[') && keyPath(header[1]) === wanted) return offset;
    offset += line.length + 1;
  }
  return -1;
}

/** A dotted TOML key (`tool . "poetry".dependencies`) as its plain parts joined by dots. */
function keyPath(text: string): string {
  return text
    .split('.')
    .map((part) => part.trim().replace(/^(["'])(.*)\1$/, '$2'))
    .join('.');
}

/** Where each key (bare or quoted) of the table that starts at `from` is written, up to the next table. */
function keyLines(text: string, from: number): Map<string, number> {
  const keys = new Map<string, number>();
  let offset = from;
  while (offset < text.length) {
    const end = lineEnd(text, offset);
    const line = text.slice(offset, end);
    if (offset > from && /^[ \t]*\[/.test(line)) break; // the next table
    const key = /^[ \t]*("[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_.-]+)[ \t]*=/.exec(line);
    const name = key?.[1].replace(/^(["'])(.*)\1$/, '$2');
    if (name !== undefined && !keys.has(name)) keys.set(name, offset + line.length - line.trimStart().length);
    offset = end + 1;
  }
  return keys;
}

/** The quoted TOML string `value` after `from`: its offsets, the quotes included. */
function locateString(text: string, value: string, from: number): { start: number; end: number } | undefined {
  let best: number | undefined;
  for (const quote of ['"', "'"]) {
    const at = text.indexOf(`${quote}${value}${quote}`, from);
    if (at >= 0 && (best === undefined || at < best)) best = at;
  }
  return best === undefined ? undefined : { start: best, end: best + value.length + 2 };
}

/** PEP 508 strings of a TOML array, each found in the text after `from` (in order). */
function requirementList(text: string, values: unknown, from: number, manifest: Manifest, where: string): void {
  if (!Array.isArray(values)) return;
  let cursor = Math.max(0, from);
  for (const value of values) {
    if (typeof value !== 'string') continue; // {include-group = "..."} in [dependency-groups]
    const place = locateString(text, value, cursor);
    if (place) cursor = place.end;
    const requirement = parseRequirement(value);
    const start = place?.start ?? Math.max(0, from);
    const end = place?.end ?? lineEnd(text, start);
    if (!requirement) {
      manifest.problems.push({
        start,
        end,
        message: `${where}: "${value.slice(0, 60)}" is not a requirement this check can read`,
      });
      continue;
    }
    if (requirement.direct) continue;
    manifest.dependencies.push({
      name: requirement.name,
      specifier: requirement.specifier,
      start,
      end,
      // Inside the quotes; only when the string holds no escapes (then the text is the value).
      specifierAt: place ? place.start + 1 + requirement.specifierAt : undefined,
    });
  }
}

function readPyproject(text: string, document: Record<string, unknown>, manifest: Manifest): void {
  const project = isTable(document.project) ? document.project : {};
  const projectAt = headerAt(text, ['project']);
  requirementList(text, project.dependencies, projectAt, manifest, '[project] dependencies');
  if (isTable(project['optional-dependencies'])) {
    const at = headerAt(text, ['project', 'optional-dependencies']);
    for (const [group, values] of Object.entries(project['optional-dependencies']))
      requirementList(text, values, at >= 0 ? at : projectAt, manifest, `optional-dependencies ${group}`);
  }
  if (isTable(document['dependency-groups'])) {
    const at = headerAt(text, ['dependency-groups']);
    for (const [group, values] of Object.entries(document['dependency-groups']))
      requirementList(text, values, at, manifest, `dependency group ${group}`);
  }
  const poetry = isTable(document.tool) && isTable(document.tool.poetry) ? document.tool.poetry : undefined;
  if (!poetry) return;
  const sections: { path: string[]; table: unknown }[] = [
    { path: ['tool', 'poetry', 'dependencies'], table: poetry.dependencies },
    { path: ['tool', 'poetry', 'dev-dependencies'], table: poetry['dev-dependencies'] },
  ];
  if (isTable(poetry.group))
    for (const [group, value] of Object.entries(poetry.group))
      if (isTable(value))
        sections.push({ path: ['tool', 'poetry', 'group', group, 'dependencies'], table: value.dependencies });
  for (const { path, table } of sections) {
    if (!isTable(table)) continue;
    const at = Math.max(0, headerAt(text, path));
    const keys = keyLines(text, at);
    for (const [name, constraint] of Object.entries(table)) {
      if (name.toLowerCase() === 'python') continue;
      poetryDependency(text, name, constraint, at, keys.get(name) ?? -1, manifest);
    }
  }
}

/** Poetry's constraint syntax as a PEP 440 specifier, with the shift from where its versions are written. */
function poetrySpecifier(constraint: string): { specifier: string; shift?: number } | undefined {
  const trimmed = constraint.trim();
  const lead = constraint.length - constraint.trimStart().length;
  if (trimmed === '*' || trimmed === '') return { specifier: '' };
  if (trimmed.includes('||')) return undefined;
  // 1.2.3: exactly that version; ^1.2.3 and ~1.2.3: at least it (the upper bound does not matter here).
  if (/^\d[^\s,*<>=!~^]*$/.test(trimmed)) return { specifier: `==${trimmed}`, shift: lead - 2 };
  const caret = /^(\^|~(?!=))\s*(\d[^\s,*]*)$/.exec(trimmed);
  if (caret) return { specifier: `>=${caret[2]}`, shift: lead + trimmed.indexOf(caret[2]) - 2 };
  if (isSpecifier(trimmed)) return { specifier: trimmed, shift: lead };
  // Space-separated clauses (`>=1.2 <2`): the same clauses with commas, but not editable in place.
  // `>=1.2 <2.0`, `>= 1.2, < 2.0`: tokens, an operator standing alone joined to its version.
  const clauses: string[] = [];
  for (const token of trimmed.replace(/,/g, ' ').split(/\s+/).filter(Boolean)) {
    const previous = clauses[clauses.length - 1];
    if (previous !== undefined && /^(?:[<>=!~]=?|===)$/.test(previous)) clauses[clauses.length - 1] += token;
    else clauses.push(token);
  }
  const commas = clauses.join(',');
  return isSpecifier(commas) ? { specifier: commas } : undefined;
}

function poetryDependency(
  text: string,
  name: string,
  constraint: unknown,
  section: number,
  keyAt: number,
  manifest: Manifest,
): void {
  const version = typeof constraint === 'string' ? constraint : isTable(constraint) ? constraint.version : undefined;
  if (typeof version !== 'string') return; // git, path or url dependencies; lists of constraints
  const keyStart = keyAt < 0 ? section : keyAt;
  const keyEnd = lineEnd(text, keyStart);
  const place = keyAt < 0 ? undefined : locateString(text.slice(0, keyEnd), version, keyStart);
  const spec = poetrySpecifier(version);
  if (!spec) {
    manifest.problems.push({
      start: keyStart,
      end: keyStart + name.length,
      message: `${name}: the constraint "${version}" is not one this check can read`,
    });
    return;
  }
  manifest.dependencies.push({
    name,
    specifier: spec.specifier,
    start: keyStart,
    end: keyAt < 0 ? keyStart : keyStart + name.length + (text[keyStart] === '"' || text[keyStart] === "'" ? 2 : 0),
    specifierAt: place && spec.shift !== undefined ? place.start + 1 + spec.shift : undefined,
  });
}

/** `[packages]`, `[dev-packages]` and other package categories: `name = "==1.2"` or `{version = "==1.2"}`. */
function readPipfile(text: string, document: Record<string, unknown>, manifest: Manifest): void {
  for (const [category, table] of Object.entries(document)) {
    if (['source', 'requires', 'scripts', 'pipenv'].includes(category) || !isTable(table)) continue;
    const at = Math.max(0, headerAt(text, [category]));
    const keys = keyLines(text, at);
    for (const [name, value] of Object.entries(table)) {
      const version = typeof value === 'string' ? value : isTable(value) ? value.version : undefined;
      if (typeof version !== 'string') continue; // git, path, file, editable
      const keyAt = keys.get(name) ?? -1;
      const keyStart = keyAt < 0 ? at : keyAt;
      const place = keyAt < 0 ? undefined : locateString(text.slice(0, lineEnd(text, keyStart)), version, keyStart);
      const specifier = version.trim() === '*' ? '' : version.trim();
      if (specifier && !isSpecifier(specifier)) {
        manifest.problems.push({
          start: keyStart,
          end: keyStart + name.length,
          message: `${name}: "${version}" is not a version specifier this check can read`,
        });
        continue;
      }
      manifest.dependencies.push({
        name,
        specifier,
        start: keyStart,
        end: keyAt < 0 ? keyStart : keyStart + name.length + (text[keyStart] === '"' || text[keyStart] === "'" ? 2 : 0),
        specifierAt: place ? place.start + 1 + (version.length - version.trimStart().length) : undefined,
      });
    }
  }
}

// --- lock files --------------------------------------------------------------------------------

const lockNoEdit = (tool: string) =>
  `a lock file is written by ${tool}, with hashes of each file: raise the requirement and lock again`;

function readPipfileLock(text: string, manifest: Manifest): void {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    manifest.problems.push(syntaxProblem(text, 'Pipfile.lock', error));
    return;
  }
  if (!isTable(document)) {
    manifest.problems.push({ start: 0, end: lineEnd(text, 0), message: 'Pipfile.lock is not a JSON object' });
    return;
  }
  for (const [category, packages] of Object.entries(document)) {
    if (category === '_meta' || !isTable(packages)) continue;
    let cursor = Math.max(0, text.indexOf(JSON.stringify(category)));
    for (const [name, entry] of Object.entries(packages)) {
      if (!isTable(entry) || typeof entry.version !== 'string') continue; // VCS, path and editable entries
      const nameAt = text.indexOf(`${JSON.stringify(name)}:`, cursor);
      const versionText = JSON.stringify(entry.version);
      const versionAt = nameAt < 0 ? -1 : text.indexOf(versionText, nameAt);
      if (nameAt >= 0) cursor = nameAt + 1;
      const exact = /^===?\s*(\S+)$/.exec(entry.version.trim());
      const start = versionAt >= 0 ? versionAt : Math.max(0, nameAt);
      if (!exact) {
        manifest.problems.push({
          start,
          end: start + versionText.length,
          message: `${name}: the locked version "${entry.version}" cannot be read`,
        });
        continue;
      }
      manifest.dependencies.push({
        name,
        specifier: `==${exact[1]}`,
        locked: exact[1],
        start,
        end: versionAt >= 0 ? versionAt + versionText.length : start,
        noEdit: lockNoEdit('pipenv'),
      });
    }
  }
}

/** poetry.lock and uv.lock (`[[package]]`), pylock.toml (`[[packages]]`): name and version of each registry package. */
function readTomlLock(text: string, document: Record<string, unknown>, manifest: Manifest): void {
  const kind = manifest.kind;
  const key = kind === 'pylock.toml' ? 'packages' : 'package';
  const entries = Array.isArray(document[key]) ? (document[key] as unknown[]) : [];
  // The i-th [[package]] header is the i-th entry, as lock tools write them.
  const headerPattern =
    key === 'packages' ? /^[ \t]*\[\[[ \t]*packages[ \t]*\]\]/gm : /^[ \t]*\[\[[ \t]*package[ \t]*\]\]/gm;
  const headers = [...text.matchAll(headerPattern)].map((m) => m.index);
  const aligned = headers.length === entries.length;
  const tool = kind === 'poetry.lock' ? 'Poetry' : kind === 'uv.lock' ? 'uv' : 'the locking tool';
  entries.forEach((entry, index) => {
    if (!isTable(entry) || typeof entry.name !== 'string') return;
    if (typeof entry.version !== 'string') return; // pylock: a package from a directory or VCS may have none
    if (!fromRegistry(kind, entry)) return;
    let start = 0;
    let end = 0;
    if (aligned) {
      const blockStart = headers[index];
      const next = text.slice(blockStart + 2).search(/^[ \t]*\[/m);
      const block = text.slice(blockStart, next < 0 ? text.length : blockStart + 2 + next);
      const version = /^[ \t]*version[ \t]*=[ \t]*("[^"\n]*"|'[^'\n]*')/m.exec(block);
      start = blockStart;
      end = lineEnd(text, blockStart);
      if (version) {
        start = blockStart + version.index + version[0].length - version[1].length;
        end = start + version[1].length;
      }
    }
    manifest.dependencies.push({
      name: entry.name,
      specifier: `==${entry.version}`,
      locked: entry.version,
      start,
      end,
      noEdit: lockNoEdit(tool),
    });
  });
}

/** Packages installed from an index; the project itself, paths, directories, VCS and URLs are not looked up. */
function fromRegistry(kind: ManifestKind, entry: Record<string, unknown>): boolean {
  if (kind === 'uv.lock') {
    const source = entry.source;
    return !isTable(source) || 'registry' in source;
  }
  if (kind === 'poetry.lock') {
    const source = entry.source;
    return !isTable(source) || source.type === 'legacy' || source.type === undefined;
  }
  return !('vcs' in entry || 'directory' in entry || 'archive' in entry);
}
