import type { FlowStep } from '../../core/types';
import type { SinkKind, SourceFamily, SourceStrength } from '../taintCatalog';
import type { Constant } from './constants';

export type { FlowStep };

/** Where untrusted data entered: `request.args` at some place in the file. */
export interface TaintSource {
  family: SourceFamily;
  strength: SourceStrength;
  /** How the source reads in a message: `request.args`, `input()`, route parameter `name`. */
  label: string;
  start: number;
  end: number;
  /** The source is in another module of the workspace: `start`/`end` are offsets there (its step says where). */
  elsewhere?: boolean;
}

/** One way a value may not be constant: untrusted data from a source, or a value of unknown origin. */
export interface Contribution {
  level: 'tainted' | 'unknown';
  source?: TaintSource;
  /** What makes the value unknown when there is no source (`parameter \`x\``, `the result of \`load()\``). */
  reason?: string;
  /** From the source to the last assignment before the use; the sink is not included. */
  steps: readonly FlowStep[];
  /** Sink kinds a sanitizer along the way made the value safe for. */
  sanitizedFor: ReadonlySet<SinkKind>;
  /** A parameter of the enclosing function the value comes from (used for function summaries). */
  parameter?: string;
}

/** One element of a sequence whose elements are known one by one. */
export interface Item {
  value: TaintValue;
  /** The element's value when it is a constant the analysis can evaluate (`remove("a")` needs it). */
  constant?: Constant;
}

/**
 * What a container holds, element by element: taint stays with the element it was stored at. `contributions` of the
 * value are always every element's together, so a use of the whole container stays sound.
 */
export type Shape =
  | { kind: 'sequence'; items: readonly Item[] }
  | {
      kind: 'mapping';
      /** Values at constant keys (`"name"`, `0`, `.attr` for an attribute, `section\0option` for a config store). */
      entries: ReadonlyMap<string, TaintValue>;
      /** What any other key may hold: values stored at keys that are not constant, or what the object held before. */
      others: TaintValue;
      /** Keys that are not constant. */
      keys: TaintValue;
      /** A `configparser`-like store: `get(section, option)` reads the entry `section\0option`. */
      store?: 'config';
    };

/** Everything that may make a value non-constant. No contributions: built only from constants. */
export interface TaintValue {
  contributions: readonly Contribution[];
  shape?: Shape;
}

export const constant: TaintValue = { contributions: [] };
export const noKinds: ReadonlySet<SinkKind> = new Set();
const MAX_CONTRIBUTIONS = 6;
const MAX_STEPS = 12;
/** Past this many elements a container is followed as a whole. */
export const MAX_ITEMS = 64;

const rank = (c: Contribution) => (c.level === 'tainted' ? (c.source?.strength === 'strong' ? 3 : 2) : 1);

const keyOf = (c: Contribution) =>
  `${c.level}|${c.source?.label ?? c.reason}|${c.parameter ?? ''}|${[...c.sanitizedFor].sort().join(',')}`;

/** Every contribution of all values, strongest first, without repeats (a value built from several: no shape). */
export function joinTaint(...values: TaintValue[]): TaintValue {
  let count = 0;
  let only: TaintValue | undefined;
  for (const value of values) {
    if (value.contributions.length === 0) continue;
    count++;
    only = value;
  }
  if (count === 0) return constant;
  if (count === 1 && !only!.shape) return only!;
  const all = values.flatMap((value) => value.contributions);
  if (all.length <= 1) return { contributions: all };
  const seen = new Set<string>();
  const kept: Contribution[] = [];
  for (const c of [...all].sort((a, b) => rank(b) - rank(a))) {
    const key = keyOf(c);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(c);
    if (kept.length >= MAX_CONTRIBUTIONS) break;
  }
  return { contributions: kept };
}

/** One of several values (branches that meet, arms of a conditional): element-wise when every one has a shape. */
export function mergeAlternatives(values: TaintValue[]): TaintValue {
  if (values.length === 0) return constant;
  if (values.length === 1) return values[0];
  const contributions = joinTaint(...values).contributions;
  let shape: Shape | undefined = values[0].shape;
  for (let i = 1; shape && i < values.length; i++) shape = mergeShapes(shape, values[i].shape);
  return shape ? { contributions, shape } : { contributions };
}

function mergeShapes(a: Shape, b: Shape | undefined): Shape | undefined {
  if (!b || a === b) return b;
  if (a.kind === 'sequence' && b.kind === 'sequence') {
    if (a.items.length !== b.items.length) return undefined;
    return {
      kind: 'sequence',
      items: a.items.map((item, i) => {
        const other = b.items[i];
        return {
          value: mergeAlternatives([item.value, other.value]),
          constant:
            item.constant && other.constant && sameConstant(item.constant, other.constant) ? item.constant : undefined,
        };
      }),
    };
  }
  if (a.kind === 'mapping' && b.kind === 'mapping' && a.store === b.store) {
    const entries = new Map<string, TaintValue>();
    for (const key of new Set([...a.entries.keys(), ...b.entries.keys()])) {
      const left = a.entries.get(key);
      const right = b.entries.get(key);
      entries.set(key, mergeAlternatives([left ?? a.others, right ?? b.others]));
    }
    return {
      kind: 'mapping',
      entries,
      others: joinTaint(a.others, b.others),
      keys: joinTaint(a.keys, b.keys),
      store: a.store,
    };
  }
  return undefined;
}

function sameConstant(a: Constant, b: Constant): boolean {
  return (
    JSON.stringify(a, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ===
    JSON.stringify(b, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))
  );
}

/** A sequence value: its contributions are its elements'. */
export function sequence(items: readonly Item[]): TaintValue {
  if (items.length > MAX_ITEMS) return joinTaint(...items.map((item) => item.value));
  return {
    contributions: joinTaint(...items.map((item) => item.value)).contributions,
    shape: { kind: 'sequence', items },
  };
}

/** A mapping value: its contributions are its entries', the other keys' and the keys' own. */
export function mapping(
  entries: ReadonlyMap<string, TaintValue>,
  others: TaintValue = constant,
  keys: TaintValue = constant,
  store?: 'config',
): TaintValue {
  const all = joinTaint(others, keys, ...entries.values());
  if (entries.size > MAX_ITEMS) return { contributions: all.contributions };
  return {
    contributions: all.contributions,
    shape: { kind: 'mapping', entries, others: withoutShape(others), keys: withoutShape(keys), store },
  };
}

export function withoutShape(value: TaintValue): TaintValue {
  return value.shape ? { contributions: value.contributions } : value;
}

/** The value with one more step on each contribution (elements included). */
export function withStep(value: TaintValue, step: FlowStep | undefined): TaintValue {
  if (!step || value.contributions.length === 0) return value;
  const contributions = value.contributions.map((c) =>
    c.steps.length >= MAX_STEPS ||
    c.steps.some((s) => s.start === step.start && s.elsewhere?.path === step.elsewhere?.path)
      ? c
      : { ...c, steps: [...c.steps, step] },
  );
  return { contributions, shape: mapShape(value.shape, (inner) => withStep(inner, step)) };
}

/** The value made safe for `kinds` (elements included). */
export function sanitized(value: TaintValue, kinds: readonly SinkKind[]): TaintValue {
  if (value.contributions.length === 0 || kinds.length === 0) return value;
  return {
    contributions: value.contributions.map((c) => ({ ...c, sanitizedFor: new Set([...c.sanitizedFor, ...kinds]) })),
    shape: mapShape(value.shape, (inner) => sanitized(inner, kinds)),
  };
}

/** The value with every sanitizer undone (a decoder gives back what the encoder escaped). */
export function unsanitized(value: TaintValue): TaintValue {
  if (!value.contributions.some((c) => c.sanitizedFor.size)) return withoutShape(value);
  return { contributions: value.contributions.map((c) => (c.sanitizedFor.size ? { ...c, sanitizedFor: noKinds } : c)) };
}

function mapShape(shape: Shape | undefined, f: (value: TaintValue) => TaintValue): Shape | undefined {
  if (!shape) return undefined;
  if (shape.kind === 'sequence')
    return { kind: 'sequence', items: shape.items.map((item) => ({ ...item, value: f(item.value) })) };
  const entries = new Map<string, TaintValue>();
  for (const [key, value] of shape.entries) entries.set(key, f(value));
  return { ...shape, entries, others: f(shape.others), keys: f(shape.keys) };
}

/**
 * The value with every place in this file moved by `move` (elements included; sources and steps in another file stay
 * where they are), or undefined when `move` has no place for one of them (it returns undefined).
 */
export function movedValue(value: TaintValue, move: (offset: number) => number | undefined): TaintValue | undefined {
  let lost = false;
  const place = <T extends { start: number; end: number; elsewhere?: unknown }>(item: T): T => {
    if (item.elsewhere) return item;
    const start = move(item.start);
    const end = move(item.end);
    if (start === undefined || end === undefined) lost = true;
    return { ...item, start: start ?? item.start, end: end ?? item.end };
  };
  const moveAll = (inner: TaintValue): TaintValue => {
    const contributions = inner.contributions.map((c) => ({
      ...c,
      source: c.source && place(c.source),
      steps: c.steps.map(place),
    }));
    return inner.shape ? { contributions, shape: mapShape(inner.shape, moveAll) } : { contributions };
  };
  const moved = moveAll(value);
  return lost ? undefined : moved;
}

/**
 * Whether two values are the same in everything a finding shows or a later step reads: each contribution in order
 * (level, source, reason, parameter, sanitizers, steps with their places and messages) and the shape.
 */
export function sameTaint(a: TaintValue, b: TaintValue): boolean {
  if (a === b) return true;
  if (a.contributions.length !== b.contributions.length) return false;
  for (let i = 0; i < a.contributions.length; i++)
    if (!sameContribution(a.contributions[i], b.contributions[i])) return false;
  return sameShapes(a.shape, b.shape);
}

function sameContribution(a: Contribution, b: Contribution): boolean {
  if (a === b) return true;
  if (a.level !== b.level || a.reason !== b.reason || a.parameter !== b.parameter) return false;
  if (a.sanitizedFor.size !== b.sanitizedFor.size || [...a.sanitizedFor].some((kind) => !b.sanitizedFor.has(kind)))
    return false;
  const [x, y] = [a.source, b.source];
  if (x !== y) {
    if (!x || !y) return false;
    if (x.family !== y.family || x.strength !== y.strength || x.label !== y.label) return false;
    if (x.start !== y.start || x.end !== y.end || !!x.elsewhere !== !!y.elsewhere) return false;
  }
  return a.steps.length === b.steps.length && a.steps.every((step, i) => sameStep(step, b.steps[i]));
}

function sameStep(a: FlowStep, b: FlowStep): boolean {
  if (a.start !== b.start || a.end !== b.end || a.message !== b.message) return false;
  const [x, y] = [a.elsewhere, b.elsewhere];
  if (x === y) return true;
  if (!x || !y) return false;
  return (
    x.path === y.path &&
    x.line === y.line &&
    x.character === y.character &&
    x.endLine === y.endLine &&
    x.endCharacter === y.endCharacter
  );
}

function sameShapes(a: Shape | undefined, b: Shape | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.kind === 'sequence' || b.kind === 'sequence') {
    if (a.kind !== 'sequence' || b.kind !== 'sequence' || a.items.length !== b.items.length) return false;
    return a.items.every((item, i) => {
      const other = b.items[i];
      if (!sameTaint(item.value, other.value)) return false;
      if (!item.constant || !other.constant) return item.constant === other.constant;
      return sameConstant(item.constant, other.constant);
    });
  }
  if (a.store !== b.store || a.entries.size !== b.entries.size) return false;
  for (const [key, value] of a.entries) {
    const other = b.entries.get(key);
    if (!other || !sameTaint(value, other)) return false;
  }
  return sameTaint(a.others, b.others) && sameTaint(a.keys, b.keys);
}

/** A short text that changes whenever the value does (to see when iterating a loop has settled). */
export function signatureOf(value: TaintValue): string {
  const own = value.contributions.map(keyOf).join(';');
  const shape = value.shape;
  if (!shape) return own;
  if (shape.kind === 'sequence') return `${own}[${shape.items.map((item) => signatureOf(item.value)).join(',')}]`;
  return `${own}{${[...shape.entries].map(([key, inner]) => `${key}:${signatureOf(inner)}`).join(',')}|${signatureOf(shape.others)}}`;
}
