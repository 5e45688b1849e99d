import { compareVersions, isPrerelease, isVersion, normalizeName } from './versions';
import { partitionPoint } from '../core/search';

/**
 * The PyPA advisory database (OSV), offline. The extension and the CLI ship a compact copy
 * (data/advisories/pypi-advisories.json, written by scripts/update-advisories.ts); a newer export
 * can be named by a setting. Nothing here goes to the network.
 *
 * The compact form: `advisories[i]` is `[id, aliases, summary]`; `packages[name]` (PEP 503 name)
 * lists `[advisory index, ranges, versions?]`, each range its OSV events as `i:<v>` (introduced),
 * `f:<v>` (fixed) and `l:<v>` (last affected), sorted by version, and `versions` the affected
 * versions the ranges do not already cover (the database lists both; OSV counts a version in
 * either as affected). Withdrawn advisories and other ecosystems are left out.
 */

export const COMPACT_FORMAT = 'psg-advisories/1';

/** How much of an advisory's summary the compact form keeps; a summary of this length was cut. */
const SUMMARY_MAX_CHARS = 300;

export type CompactAffected = [advisory: number, ranges: string[][], versions?: string[]];

export interface CompactAdvisories {
  format: typeof COMPACT_FORMAT;
  source: string;
  commit?: string;
  /** The day the data was taken (YYYY-MM-DD). */
  date: string;
  license: string;
  count: number;
  advisories: [id: string, aliases: string[], summary: string][];
  packages: Record<string, CompactAffected[]>;
}

/** The advisory's page on osv.dev, which serves every id of the PyPA database (PYSEC, GHSA). */
export function advisoryUrl(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

export interface Advisory {
  id: string;
  aliases: string[];
  summary: string;
  /** Versions that fix it (the `fixed` events of its ranges for this package), lowest first. */
  fixed: string[];
}

type Event = { kind: 'introduced' | 'fixed' | 'last_affected'; version: string };

type Compare = (a: string, b: string) => number;

/** One OSV range: affected from each `introduced` up to a `fixed` (excluded) or a `last_affected` (included). */
function inRange(version: string, events: readonly Event[], compare: Compare = compareVersions): boolean {
  let affected = false;
  for (const event of events) {
    if (event.kind === 'introduced') {
      if (event.version === '0' || compare(version, event.version) >= 0) affected = true;
    } else if (event.kind === 'fixed') {
      if (compare(version, event.version) >= 0) affected = false;
    } else if (compare(version, event.version) > 0) affected = false;
  }
  return affected;
}

/**
 * The versions one package's advisories name, put in PEP 440 order once (by the library), so that
 * checking a version against dozens of advisories compares positions instead of parsing versions.
 */
class Ranking {
  private readonly sorted: string[];
  private readonly ranks = new Map<string, number>();

  constructor(versions: Iterable<string>) {
    this.sorted = [...new Set(versions)].filter(isVersion).sort(compareVersions);
    let rank = 0;
    this.sorted.forEach((version, i) => {
      if (i > 0 && compareVersions(this.sorted[i - 1], version) !== 0) rank += 2;
      this.ranks.set(version, rank);
    });
  }

  /** Equal versions share a rank; a version between two named ones gets the odd rank between theirs. */
  rank(version: string): number {
    const known = this.ranks.get(version);
    if (known !== undefined) return known;
    const lo = partitionPoint(this.sorted, (known) => compareVersions(known, version) < 0);
    if (lo < this.sorted.length && compareVersions(this.sorted[lo], version) === 0)
      return this.remember(version, this.ranks.get(this.sorted[lo])!);
    return this.remember(version, lo === 0 ? -1 : this.ranks.get(this.sorted[lo - 1])! + 1);
  }

  readonly compare: Compare = (a, b) => Math.sign(this.rank(a) - this.rank(b));

  private remember(version: string, rank: number): number {
    if (this.ranks.size < 10_000) this.ranks.set(version, rank);
    return rank;
  }
}

const eventKinds = { i: 'introduced', f: 'fixed', l: 'last_affected' } as const;

function decodeEvent(text: string): Event {
  return { kind: eventKinds[text[0] as keyof typeof eventKinds], version: text.slice(2) };
}

/** One advisory's ranges and versions for one package. */
class Affected {
  readonly ranges: Event[][];
  readonly versions: ReadonlySet<string>;
  constructor(
    readonly advisory: number,
    ranges: string[][],
    versions: readonly string[] = [],
  ) {
    this.ranges = ranges.map((range) => range.map(decodeEvent));
    this.versions = new Set(versions);
  }

  /** Whether the version is affected; a version PEP 440 cannot read is affected only when listed as is. */
  affects(version: string, compare: Compare): boolean {
    if (this.versions.has(version)) return true;
    if (!isVersion(version)) return false;
    return this.ranges.some((range) => inRange(version, range, compare));
  }

  namedVersions(): string[] {
    return [...this.ranges.flatMap((range) => range.map((event) => event.version)), ...this.versions];
  }

  fixedVersions(): string[] {
    return this.ranges.flatMap((range) => range.filter((e) => e.kind === 'fixed').map((e) => e.version));
  }
}

export interface AdvisoryDatabase {
  source: string;
  date: string;
  count: number;
  /** Where the data came from: `shipped` or the file named by the setting. */
  origin: string;
  /** The advisories that affect `version` of the package (any spelling of its name). */
  affecting(name: string, version: string): Advisory[];
  /**
   * The lowest version above `above` that is the fix of some advisory of the package and is itself
   * affected by none; undefined when there is none.
   */
  lowestSafe(name: string, above: string): string | undefined;
  /** Whether any advisory names the package. */
  knows(name: string): boolean;
}

export function databaseFromCompact(data: CompactAdvisories, origin: string): AdvisoryDatabase {
  const byPackage = new Map<string, { entries: Affected[]; compare: Compare }>();
  const packageOf = (name: string) => {
    const key = normalizeName(name);
    let known = byPackage.get(key);
    if (!known) {
      const entries = (data.packages[key] ?? []).map(
        ([advisory, ranges, versions]) => new Affected(advisory, ranges, versions),
      );
      known = { entries, compare: new Ranking(entries.flatMap((entry) => entry.namedVersions())).compare };
      byPackage.set(key, known);
    }
    return known;
  };
  const sortVersions = (versions: string[]) =>
    [...new Set(versions)].filter(isVersion).sort((a, b) => compareVersions(a, b));
  return {
    source: data.source,
    date: data.date,
    count: data.count,
    origin,
    knows: (name) => Object.prototype.hasOwnProperty.call(data.packages, normalizeName(name)),
    affecting(name, version) {
      const found = new Map<number, Advisory>();
      const { entries, compare } = packageOf(name);
      for (const entry of entries) {
        if (!entry.affects(version, compare)) continue;
        const [id, aliases, kept] = data.advisories[entry.advisory];
        const summary = kept.length >= SUMMARY_MAX_CHARS ? `${kept}…` : kept;
        const known = found.get(entry.advisory);
        const fixed = sortVersions([...(known?.fixed ?? []), ...entry.fixedVersions()]);
        found.set(entry.advisory, { id, aliases, summary, fixed });
      }
      return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
    },
    lowestSafe(name, above) {
      const { entries, compare } = packageOf(name);
      const candidates = sortVersions(entries.flatMap((entry) => entry.fixedVersions()));
      // A pre-release is proposed only to replace a pre-release: pip does not install one unasked.
      const prerelease = isVersion(above) && isPrerelease(above);
      return candidates.find(
        (candidate) =>
          (!isVersion(above) || compare(candidate, above) > 0) &&
          (prerelease || !isPrerelease(candidate)) &&
          !entries.some((entry) => entry.affects(candidate, compare)),
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Compacting OSV records: used by scripts/update-advisories.ts and for a newer export named by the
// setting, so both read the same shapes the same way.

/** What an advisory record may look like: OSV (`package: {ecosystem, name}`, typed ranges) or the snapshot's shorthand. */
interface OsvRecord {
  id?: unknown;
  aliases?: unknown;
  summary?: unknown;
  details?: unknown;
  withdrawn?: unknown;
  modified?: unknown;
  affected?: unknown;
}

export interface CompactStats {
  advisories: number;
  withdrawn: number;
  /** Range events whose version PEP 440 cannot read: left out. */
  unreadableEvents: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function packageOf(affected: Record<string, unknown>): string | undefined {
  const pkg = affected.package;
  if (typeof pkg === 'string') return pkg;
  if (isObject(pkg) && typeof pkg.name === 'string' && (pkg.ecosystem === undefined || pkg.ecosystem === 'PyPI'))
    return pkg.name;
  return undefined;
}

function eventsOf(range: unknown): unknown[] | undefined {
  if (Array.isArray(range)) return range as unknown[];
  if (isObject(range) && Array.isArray(range.events) && (range.type === undefined || range.type === 'ECOSYSTEM'))
    return range.events as unknown[];
  return undefined;
}

const eventOrder = { i: 0, f: 1, l: 2 } as const;

/** OSV events → sorted `i:`/`f:`/`l:` strings; events whose version cannot be read are counted and left out. */
function compactRange(events: unknown[], stats: CompactStats): string[] {
  const out: { code: 'i' | 'f' | 'l'; version: string }[] = [];
  for (const event of events) {
    if (!isObject(event)) continue;
    for (const [kind, code] of [
      ['introduced', 'i'],
      ['fixed', 'f'],
      ['last_affected', 'l'],
    ] as const) {
      const version = event[kind];
      if (typeof version !== 'string') continue;
      if (version === '0' || isVersion(version)) out.push({ code, version });
      else stats.unreadableEvents++;
    }
  }
  out.sort((a, b) => {
    if (a.version === '0' || b.version === '0') return a.version === b.version ? 0 : a.version === '0' ? -1 : 1;
    return compareVersions(a.version, b.version) || eventOrder[a.code] - eventOrder[b.code];
  });
  return out.map((e) => `${e.code}:${e.version}`);
}

export interface CompactSource {
  source: string;
  commit?: string;
  /** YYYY-MM-DD; when missing, the newest `modified` date among the records. */
  date?: string;
  license: string;
}

/** Compacts OSV records (any order); throws an Error with a clear message when `records` is not a list of them. */
export function compactRecords(
  records: readonly unknown[],
  source: CompactSource,
  /** Leave out listed versions the ranges cover (smaller data, but slow: the maintainer script does it). */
  dropCoveredVersions = true,
): { data: CompactAdvisories; stats: CompactStats } {
  const stats: CompactStats = { advisories: 0, withdrawn: 0, unreadableEvents: 0 };
  const advisories: CompactAdvisories['advisories'] = [];
  const packages: Record<string, CompactAffected[]> = {};
  let newest = '';
  const sorted = [...records].sort((a, b) =>
    String(isObject(a) ? a.id : '').localeCompare(String(isObject(b) ? b.id : '')),
  );
  for (const raw of sorted) {
    if (!isObject(raw) || typeof raw.id !== 'string')
      throw new Error('an advisory record without an id: not an OSV export');
    const record = raw as OsvRecord;
    if (record.withdrawn) {
      stats.withdrawn++;
      continue;
    }
    if (typeof record.modified === 'string' && record.modified > newest) newest = record.modified;
    const entries: [string, string[][], string[]][] = [];
    for (const affected of Array.isArray(record.affected) ? record.affected : []) {
      if (!isObject(affected)) continue;
      const name = packageOf(affected);
      if (!name) continue;
      const ranges = (Array.isArray(affected.ranges) ? affected.ranges : [])
        .map(eventsOf)
        .filter((events): events is unknown[] => !!events)
        .map((events) => compactRange(events, stats))
        .filter((range) => range.length > 0);
      const decoded = ranges.map((range) => range.map(decodeEvent));
      const versions = (Array.isArray(affected.versions) ? affected.versions : []).filter(
        (version): version is string =>
          typeof version === 'string' &&
          // Listed versions the ranges already cover are left out: the ranges say it.
          !(dropCoveredVersions && isVersion(version) && decoded.some((range) => inRange(version, range))),
      );
      if (ranges.length || versions.length) entries.push([normalizeName(name), ranges, versions]);
    }
    if (!entries.length) continue;
    const index = advisories.length;
    const summary = typeof record.summary === 'string' && record.summary ? record.summary : record.details;
    advisories.push([
      record.id as string,
      Array.isArray(record.aliases) ? record.aliases.filter((a): a is string => typeof a === 'string') : [],
      typeof summary === 'string' ? summary.replace(/\s+/g, ' ').trim().slice(0, SUMMARY_MAX_CHARS) : '',
    ]);
    stats.advisories++;
    for (const [name, ranges, versions] of entries)
      (packages[name] ??= []).push(versions.length ? [index, ranges, versions] : [index, ranges]);
  }
  const sortedPackages = Object.fromEntries(
    Object.keys(packages)
      .sort()
      .map((name) => [name, packages[name]]),
  );
  return {
    data: {
      format: COMPACT_FORMAT,
      source: source.source,
      ...(source.commit ? { commit: source.commit } : {}),
      date: source.date ?? newest.slice(0, 10),
      license: source.license,
      count: advisories.length,
      advisories,
      packages: sortedPackages,
    },
    stats,
  };
}

export const PYPA_LICENSE =
  'CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/), Python Packaging Authority advisory database contributors';

/** Reads any accepted JSON shape: the compact form, `{meta, advisories: [...]}`, a list of OSV records, one record. */
export function databaseFromJson(value: unknown, origin: string): AdvisoryDatabase {
  if (isObject(value) && value.format === COMPACT_FORMAT) {
    if (!isObject(value.packages) || !Array.isArray(value.advisories) || typeof value.date !== 'string')
      throw new Error(`not a valid ${COMPACT_FORMAT} file (packages, advisories or date missing)`);
    return databaseFromCompact(value as unknown as CompactAdvisories, origin);
  }
  const meta = isObject(value) && isObject(value.meta) ? value.meta : {};
  const records = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.advisories)
      ? value.advisories
      : isObject(value) && typeof value.id === 'string'
        ? [value]
        : undefined;
  if (!records) throw new Error('expected OSV advisories (a list of records, or {"advisories": [...]})');
  // Read as it is: the listed versions are kept whole (filtering them is the maintainer script's job).
  const { data } = compactRecords(
    records,
    {
      source: typeof meta.source === 'string' ? meta.source : origin,
      commit: typeof meta.commit === 'string' ? meta.commit : undefined,
      date: typeof meta.snapshot_date === 'string' ? meta.snapshot_date : undefined,
      license: typeof meta.license === 'string' ? meta.license : PYPA_LICENSE,
    },
    false,
  );
  if (data.count === 0) throw new Error('no PyPI advisory in it');
  return databaseFromCompact(data, origin);
}
