import {
  compare as comparePep440,
  explain,
  satisfies as satisfiesPep440,
  valid,
  validRange,
} from '@renovatebot/pep440';

/**
 * PEP 440 versions and specifiers (through `@renovatebot/pep440`, never by hand) and PEP 503 names:
 * what matching a dependency against an advisory needs.
 */

/** PEP 503: lower case, every run of `-`, `_` and `.` one `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Whether `version` is a valid PEP 440 version. */
export function isVersion(version: string): boolean {
  return valid(version) !== null;
}

/** A pre-release or development release (`2.0rc1`, `2.0.dev3`), which pip installs only when asked to. */
export function isPrerelease(version: string): boolean {
  return explain(version)?.is_prerelease ?? false;
}

/** Comparisons already made: the library parses both versions on every call, and advisories repeat the same ones. */
const compared = new Map<string, number>();
const MAX_REMEMBERED = 200_000;

/** Orders two valid PEP 440 versions (epochs, pre-, post-, dev-releases and local labels included): -1, 0, 1. */
export function compareVersions(a: string, b: string): number {
  const key = `${a} ${b}`;
  let order = compared.get(key);
  if (order === undefined) {
    order = Math.sign(comparePep440(a, b));
    if (compared.size >= MAX_REMEMBERED) compared.clear();
    compared.set(key, order);
  }
  return order;
}

/** Whether a PEP 440 specifier (`>=1.0,<2`) can be read. */
export function isSpecifier(specifier: string): boolean {
  return specifier.trim() === '' || validRange(specifier);
}

/** Whether `version` satisfies `specifier`, pre-releases included (we ask about one given version, not a choice). */
export function satisfies(version: string, specifier: string): boolean {
  if (!isVersion(version)) return false;
  if (specifier.trim() === '') return true;
  try {
    return satisfiesPep440(version, specifier, { prereleases: true });
  } catch {
    return false;
  }
}

/** One clause of a specifier: `>=`, `1.2`. */
export interface Clause {
  operator: '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';
  version: string;
  /** Offset of the version in the specifier string. */
  at: number;
}

/** The clauses of a specifier, with where each version is written; undefined when one cannot be read. */
export function clausesOf(specifier: string): Clause[] | undefined {
  const clauses: Clause[] = [];
  let offset = 0;
  for (const part of specifier.split(',')) {
    const match = /^(\s*)(===|~=|==|!=|<=|>=|<|>)(\s*)(\S+?)\s*$/.exec(part);
    if (!match) {
      if (part.trim() === '' && specifier.trim() === '') return [];
      return undefined;
    }
    clauses.push({
      operator: match[2] as Clause['operator'],
      version: match[4],
      at: offset + match[1].length + match[2].length + match[3].length,
    });
    offset += part.length + 1;
  }
  return clauses;
}

/** The version an exact pin (`==1.2.3`, `===1.2.3`) installs; undefined for anything else. */
export function exactPin(clauses: readonly Clause[]): Clause | undefined {
  return clauses.find(
    (clause) =>
      (clause.operator === '==' && !clause.version.includes('*') && isVersion(clause.version)) ||
      clause.operator === '===',
  );
}

/**
 * The lowest version the specifier admits, when a clause names it: the greatest of its `>=`, `~=` and
 * `==X.*` bounds, if the whole specifier admits it. Undefined without a lower bound (any old release
 * may be chosen, which tells nothing) or when the bound itself is excluded (`>=1.0,!=1.0`).
 */
export function lowestAllowed(specifier: string, clauses: readonly Clause[]): Clause | undefined {
  let lowest: Clause | undefined;
  for (const clause of clauses) {
    const version =
      clause.operator === '==' && /^[^*]+\.\*$/.test(clause.version) ? clause.version.slice(0, -2) : clause.version;
    if (!(clause.operator === '>=' || clause.operator === '~=' || version !== clause.version)) continue;
    if (!isVersion(version)) return undefined;
    if (!lowest || compareVersions(version, lowest.version) > 0) lowest = { ...clause, version };
  }
  return lowest && satisfies(lowest.version, specifier) ? lowest : undefined;
}
