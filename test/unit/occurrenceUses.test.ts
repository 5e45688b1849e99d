import * as assert from 'assert';
import { occurrenceUses } from '../../server/src/semantic/model';
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
    // Not where the attribute is only read: called, or an attribute or an item of it taken.
    const readOnly = /^[ \t\f]*[(.[]/.test(text.slice(match.index + match[0].length));
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
    assert.deepStrictEqual(attributes('open(self.path, file)'), ['path']);
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
    assert.deepStrictEqual(inBody('path = self.path\n    mode = obj.\\\n        mode'), ['path', 'mode']);
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
