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
  /** Offset of the operator in the specifier string. */
  operatorAt: number;
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
      operatorAt: offset + match[1].length,
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

/** The lowest versions a specifier admits, from its lower bound. */
export interface LowestAllowed {
  /** The clause that sets the bound (`>=1.2`, `~=1.2`, `==1.*`, `>1.2`). */
  clause: Clause;
  /** The bound's version (`1` for `==1.*`). */
  version: string;
  /** The bound itself is not admitted (`>1.2`, `>=1.2,!=1.2`): the lowest versions are just above it. */
  exclusive: boolean;
  /**
   * The version to match against advisories: the bound, or for an exclusive one a version the
   * specifier admits just above it (between the bound and any release after it, `1.2.0.0.0.1.dev0`).
   */
  matched: string;
}

/** A lower bound a clause gives: `>=V`, `~=V` and `==V.*` admit V, `>V` does not. */
function lowerBoundOf(clause: Clause): { version: string; exclusive: boolean } | undefined {
  if (clause.operator === '>=' || clause.operator === '~=') return { version: clause.version, exclusive: false };
  if (clause.operator === '>') return { version: clause.version, exclusive: true };
  if (clause.operator === '==' && /^[^*]+\.\*$/.test(clause.version))
    return { version: clause.version.slice(0, -2), exclusive: false };
  return undefined;
}

/**
 * A version just above a final release `V` that `>V` admits: `V.0.0.0.1.dev0`. No release is numbered
 * between the two, so it is affected exactly when the releases just above `V` are. Undefined for a pre-,
 * post- or dev-release bound (the library orders `>V` against those by their release segment only).
 */
function justAbove(version: string): string | undefined {
  const parts = explain(version);
  if (!parts || parts.is_prerelease || parts.is_postrelease || parts.local) return undefined;
  return `${parts.epoch ? `${parts.epoch}!` : ''}${parts.release.join('.')}.0.0.0.1.dev0`;
}

/**
 * The lowest versions the specifier admits: the greatest of its lower bounds (`>=`, `~=`, `>`, `==X.*`;
 * at the same version an exclusive bound wins). When the whole specifier excludes the bound
 * (`>=1.0,!=1.0`), the versions just above it, if the specifier admits those. Undefined without a
 * lower bound (any old release may be chosen, which tells nothing), or when neither the bound nor the
 * versions just above it are admitted (`>=1.0,!=1.0.*`, `>=2,<1`).
 */
export function lowestAllowed(specifier: string, clauses: readonly Clause[]): LowestAllowed | undefined {
  let lowest: { clause: Clause; version: string; exclusive: boolean } | undefined;
  for (const clause of clauses) {
    const bound = lowerBoundOf(clause);
    if (!bound) continue;
    if (!isVersion(bound.version)) return undefined;
    const order = lowest ? compareVersions(bound.version, lowest.version) : 1;
    if (order > 0 || (order === 0 && bound.exclusive && !lowest!.exclusive)) lowest = { clause, ...bound };
  }
  if (!lowest) return undefined;
  if (!lowest.exclusive && satisfies(lowest.version, specifier)) return { ...lowest, matched: lowest.version };
  const above = justAbove(lowest.version);
  return above && satisfies(above, specifier) ? { ...lowest, exclusive: true, matched: above } : undefined;
}
