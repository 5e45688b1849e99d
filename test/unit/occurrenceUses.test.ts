import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { attributeOnlyRead, moduleReceiverCallUses, occurrenceUses } from '../../server/src/semantic/model';
import { cpythonCommand } from '../support/cpython';
import { seededRandom as random } from '../support/random';

/**
 * `occurrenceUses` reads ASCII text character by character: it must give the uses that the
 * definition by regular expressions gives (a word is a Unicode identifier, a call a run of ASCII
 * word characters followed by `(`, a place that may name an attribute a word after a dot, a line's
 * start, a continuation, `;`, `:` or the text's start, spaces and tabs between, and not followed by
 * `(`, `.` or `[`), in the same order, for texts with and without other characters.
 */

const WORD = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/gu;
const ASCII_RUN = /[A-Za-z0-9_]+/g;

function expected(text: string, inFunctionBody = false): string[] {
  const uses: string[] = [];
  const add = (use: string) => {
    if (!uses.includes(use)) uses.push(use);
  };
  const declarations = text.includes('global');
  if (declarations) add('\u0003');
  const callAt = (end: number) => /^\s*\(/.test(text.slice(end));
  for (const match of text.matchAll(WORD)) {
    add('\u0001' + match[0]);
    if (declarations) add('\u0003' + match[0]);
    const before = text.slice(0, match.index);
    // In a function's body: after a dot or `\\`; first on a line, after a dot or `\\` ending a line before, or after a
    // line with a comment.
    const lineStart = /[\n\r][ \t\f]*$/.test(before);
    const attribute =
      inFunctionBody && !text.includes('class')
        ? /[.\\][ \t\f]*$/.test(before) ||
          (lineStart && /[.\\][ \t\f\n\r]*$/.test(before)) ||
          (lineStart && /#[^\n]*$/.test(before.replace(/[ \t\f\n\r]+$/, '')))
        : /(?:^|[.\n\r\\;:])[ \t\f]*$/.test(before);
    // Not where the attribute is only read: called, or an attribute or an item of it taken; or where the text around
    // it shows it is (`attributeOnlyRead`, checked against CPython's parser below).
    const readOnly =
      /^[ \t\f]*[(.[]/.test(text.slice(match.index + match[0].length)) ||
      attributeOnlyRead(text, match.index, match.index + match[0].length);
    if (attribute && !readOnly) add('\u0006' + match[0]);
    if (!/^[A-Za-z0-9_]+$/.test(match[0]) && callAt(match.index + match[0].length))
      for (let at = 0; at < match[0].length; at++) add('\u0004' + match[0].slice(at));
  }
  for (const match of text.matchAll(ASCII_RUN)) if (callAt(match.index + match[0].length)) add('\u0004' + match[0]);
  return uses;
}

describe('occurrenceUses', () => {
  it('gives the uses of the words, calls and global declarations a text holds', () => {
    const uses = new Set<string>();
    occurrenceUses('global count\ncount = total(3) + 2x', uses);
    assert.deepStrictEqual(
      [...uses],
      [
        '\u0003',
        '\u0001global',
        '\u0003global',
        '\u0006global',
        '\u0001count',
        '\u0003count',
        '\u0006count',
        ...['total', 'x'].flatMap((w) => ['\u0001' + w, '\u0003' + w]),
        '\u0004total',
      ],
    );
  });

  it('tells the places that may name an attribute from the other words', () => {
    const attributes = (text: string) => {
      const uses = new Set<string>();
      occurrenceUses(text, uses);
      return [...uses].filter((use) => use.startsWith('\u0006')).map((use) => use.slice(1));
    };
    // After a dot (spaces and a continuation between), first in a statement, or where what is before is not known.
    assert.deepStrictEqual(attributes('(self.path, file) = pair'), ['path']);
    assert.deepStrictEqual(attributes('x = (obj .\\\n    name, other)'), ['x', 'name']);
    assert.deepStrictEqual(attributes('class A:\n    path = "p"; mode = 1\n\tsize: int = 0'), [
      'class',
      'path',
      'mode',
      'size',
      // After the annotation's colon too (a superset is safe).
      'int',
    ]);
    assert.deepStrictEqual(attributes('class B: kind = 2'), ['class', 'kind']);
    assert.deepStrictEqual(attributes('for file in files: print(file)'), ['for']);
    assert.deepStrictEqual(attributes('la.naïve + naïve'), ['naïve']);
    // Not where it is only read: called, or an attribute or an item of it taken; at the text's end what follows is
    // not known.
    assert.deepStrictEqual(attributes('self.text.insert(1); self.run (2); self.items [0] = v'), []);
    // Nor inside a call's, a subscript's or a dictionary's brackets, after an operator or a keyword that takes a value,
    // as the value of an assignment that ends its line, or in a comment (the words after a dot compared).
    const afterDot = (text: string) => attributes(text).filter((name) => new RegExp(`\\.${name}\\b`).test(text));
    assert.deepStrictEqual(
      afterDot(
        "open(self.path, 'r(')\nitems[obj.key] = 1\nx = {k: obj.value}\nif obj.flag: y = '%s' % obj.name\n" +
          'copy = obj.origin\nz = 1  # obj.note = 2\nw = f(\n    obj.first,\n    kw=obj.second)',
      ),
      [],
    );
    // But inside a tuple's or a list's, in a comprehension, in a chain of assignments, after `for`, `as` or `del`.
    assert.deepStrictEqual(
      afterDot('f(x for obj.a in y)\nz = obj.b = 1\nfor obj.c in y: del obj.d\nwith f() as obj.e: [obj.f, g] = p'),
      ['a', 'b', 'c', 'd', 'e', 'f'],
    );
    assert.deepStrictEqual(attributes('self.path, self.mode = pair; self.size += 1; self.kind'), [
      'path',
      'mode',
      'size',
      'kind',
    ]);
    // In a function's body a statement's first word is a variable, unless the body defines a class.
    const inBody = (text: string) => {
      const uses = new Set<string>();
      occurrenceUses(text, uses, true);
      return [...uses].filter((use) => use.startsWith('\u0006')).map((use) => use.slice(1));
    };
    // `self.path` is the value of an assignment that ends its line; `obj.mode`, after a continuation, is not known.
    assert.deepStrictEqual(inBody('path = self.path\n    mode = obj.\\\n        mode'), ['mode']);
    assert.deepStrictEqual(inBody('path = 1\n    class Local:\n        path = 2'), ['path', 'class']);
    // Inside brackets the name may come on a line after the dot, comments between.
    assert.deepStrictEqual(inBody('x = (self.\n    path, obj.  # note\n\n    mode)\n    size = 1'), ['path', 'mode']);
    assert.deepStrictEqual(inBody('x = 1  # note\n    size = 2\n    mode = 3'), ['size']);
  });

  it('reads ASCII text as the regular expressions do, and other text too', () => {
    const pieces = ['ab', 'x1', '9', '12z', '_', ' ', '(', ' (', '\n(', '.', 'global', 'é', 'naïve', '½', 'Ⅻ', '\t'];
    pieces.push(';', ':', '\\', '\r', '\f', ' = ', 'class', '\n', '#', '.\n', '[', ' [');
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const ascii = seed % 3 !== 0;
      let text = '';
      while (text.length < 40) {
        const piece = pieces[Math.floor(next() * pieces.length)];
        if (!ascii || /^[\0-\x7f]*$/.test(piece)) text += piece;
      }
      const inFunctionBody = seed % 2 === 0;
      const uses = new Set<string>();
      occurrenceUses(text, uses, inFunctionBody);
      assert.deepStrictEqual([...uses], expected(text, inFunctionBody), JSON.stringify(text));
    }
  });
});

describe('moduleReceiverCallUses', () => {
  it('tells the calls whose receiver may be a variable of the module bound to a call', () => {
    const calls = (text: string) => {
      const uses = new Set<string>();
      moduleReceiverCallUses(text, (name) => name === 'runner', uses);
      return [...uses].map((use) => use.slice(1));
    };
    assert.deepStrictEqual(calls('runner.start()\nrunner .stop ()'), ['*.start', '*.stop']);
    // Another receiver: a name not bound so, an attribute, a call's result, a string; a plain call.
    assert.deepStrictEqual(calls('job.start()\nself.runner.start()\nmake().start()\n"x".join(y)\nstart()'), []);
    // A receiver or a dot on a line before (inside brackets, after a continuation, comments between): not known.
    assert.deepStrictEqual(calls('f(job.\n    start())\nx = job \\\n    .stop()\ng(job.  # note\n  run())'), [
      '*.start',
      '*.stop',
      '*.run',
    ]);
    assert.deepStrictEqual(calls('start()'), []);
  });
});

/**
 * Random statements with attributes in every kind of place (targets of assignments, chains, `for`, `with`, `del`,
 * comprehensions, annotations, augmented assignments; values in calls, subscripts, displays, after operators and
 * keywords; strings and comments holding brackets and quotes), each attribute named once.
 */
function attributeStatements(next: () => number): string {
  let n = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const attribute = () => `${pick(['o', 'self', 'f(x)', 'x[0]', 'o.p', '(o)', 'o .\\\n  p'])}.a${++n}`;
  const expression = (depth: number): string => {
    const e = () => expression(depth - 1);
    const t = () => target(depth - 1);
    if (depth <= 0)
      return pick([attribute, attribute, () => 'x', () => '1', () => "'s(['", () => '"#)"', () => "'\\')'"])();
    return pick([
      attribute,
      () => `f(${e()}, ${e()})`,
      () => `f(\n    ${e()},\n    k=${e()})`,
      () => `f(${e()},  # note (\n  ${e()})`,
      () => `${e()} + ${e()}`,
      () => `'%s' % ${e()}`,
      () => `x[${e()}]`,
      () => `x[1:${e()}]`,
      () => `(${e()}, ${e()})`,
      () => `[${e()},\n ${e()}]`,
      () => `{${e()}: ${e()}}`,
      () => `{${e()}}`,
      () => `not ${e()}`,
      () => `${e()} if ${e()} else ${e()}`,
      () => `lambda: ${e()}`,
      () => `lambda k=${e()}: ${e()}`,
      () => `[${e()} for ${t()} in ${e()}]`,
      () => `f(${e()} for ${t()} in ${e()})`,
      () => `{${e()} for ${t()} in ${e()} if ${e()}}`,
      () => `${e()} == ${e()}`,
      () => `${e()} <= ${e()}`,
      () => `${e()} is not ${e()}`,
      () => `(y := ${e()})`,
      () => `f(*${e()}, **${e()})`,
      () => `${e()}.m(${e()})`,
      () => `f"{${e()}}"`,
    ])();
  };
  const target = (depth: number): string => {
    const t = () => target(depth - 1);
    if (depth <= 0) return pick([attribute, attribute, () => 'y'])();
    return pick([
      attribute,
      () => `(${t()}, ${t()})`,
      () => `[${t()}, ${t()}]`,
      () => `${t()}, ${t()}`,
      () => `(${t()},\n    ${t()})`,
      () => `x[${expression(depth - 1)}]`,
      () => `(${t()})`,
      () => `${t()}, *${t()}`,
    ])();
  };
  const simple = (depth: number): string =>
    pick([
      () => `${target(depth)} = ${expression(depth)}`,
      () => `${target(depth)} = ${target(depth)} = ${expression(depth)}`,
      () => `y = ${target(depth)} = ${expression(depth)}`,
      () => `${attribute()} += ${expression(depth)}`,
      () => `${attribute()} <<= ${expression(depth)}`,
      () => `${attribute()}: int = ${expression(depth)}`,
      () => `${attribute()}: int`,
      () => `del ${target(depth)}, ${attribute()}`,
      () => `del ${attribute()}`,
      () => expression(depth),
      () => `return ${expression(depth)}`,
      () => `y = ${expression(depth)}  # ${attribute()} = (1`,
      () => `x = """\n${attribute()} = 1\n"""`,
    ])();
  const statement = (depth: number): string =>
    pick([
      () => simple(depth),
      () => simple(depth),
      () => `for ${target(depth)} in ${expression(depth)}: ${simple(depth - 1)}`,
      () => `with ${expression(depth)} as ${target(depth)}: ${simple(depth - 1)}`,
      () =>
        `with ${expression(depth)} as ${target(depth)}, ${expression(depth)} as ${target(depth)}:\n    ${simple(depth - 1)}`,
      () => `if ${expression(depth)}: ${simple(depth - 1)}`,
      () => `if (z := ${expression(depth)}): del ${attribute()}`,
      () => `if lambda k=1: k: del ${attribute()}`,
      () => `y = 1; ${simple(depth)}`,
      () => `while ${expression(depth)}:\n    ${simple(depth - 1)}\nelse: ${simple(depth - 1)}`,
    ])();
  const statements: string[] = [];
  const count = 1 + Math.floor(next() * 3);
  for (let i = 0; i < count; i++) statements.push(statement(1 + Math.floor(next() * 3)));
  return statements.join('\n');
}

describe('occurrenceUses and what CPython stores', () => {
  it('counts every attribute a statement stores or deletes as a place that may name it, and leaves most reads out', () => {
    const sources: string[] = [];
    for (let seed = 1; seed <= 1500; seed++) sources.push(attributeStatements(random(seed)));
    const result = spawnSync(cpythonCommand(), [path.join(__dirname, '..', 'support', 'attribute_stores.py')], {
      input: JSON.stringify(sources),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.strictEqual(result.status, 0, `python3 is needed as the oracle: ${result.error ?? result.stderr}`);
    const verdicts = JSON.parse(result.stdout) as ({ stored: string[]; read: string[] } | null)[];
    let valid = 0;
    let reads = 0;
    let readsLeftOut = 0;
    sources.forEach((source, i) => {
      const verdict = verdicts[i];
      if (!verdict) return;
      valid++;
      for (const inFunctionBody of [true, false]) {
        const uses = new Set<string>();
        occurrenceUses(source, uses, inFunctionBody);
        for (const name of verdict.stored)
          assert.ok(
            uses.has('\u0006' + name),
            `${name} is stored in ${JSON.stringify(source)} (in a body: ${inFunctionBody})`,
          );
        if (!inFunctionBody) continue;
        for (const name of verdict.read) {
          if (verdict.stored.includes(name)) continue;
          reads++;
          if (!uses.has('\u0006' + name)) readsLeftOut++;
        }
      }
    });
    // Most generated statements are valid Python, and most attributes only read are told from those stored.
    assert.ok(valid >= 900, `only ${valid} of ${sources.length} statements are valid Python`);
    assert.ok(readsLeftOut >= 0.6 * reads, `only ${readsLeftOut} of ${reads} attributes only read are left out`);
  });
});
