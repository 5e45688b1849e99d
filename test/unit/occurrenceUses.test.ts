import * as assert from 'assert';
import { moduleReceiverCallUses, occurrenceUses } from '../../server/src/semantic/model';
import { seededRandom as random } from '../support/random';

/**
 * `occurrenceUses` reads ASCII text character by character: it must give the uses that the
 * definition by regular expressions gives (a word is a Unicode identifier, a call a run of ASCII
 * word characters followed by `(`), in the same order, for texts with and without other characters.
 */

const WORD = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/gu;
const ASCII_RUN = /[A-Za-z0-9_]+/g;

function expected(text: string): string[] {
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
        '\u0001count',
        '\u0003count',
        ...['total', 'x'].flatMap((w) => ['\u0001' + w, '\u0003' + w]),
        '\u0004total',
      ],
    );
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
      const uses = new Set<string>();
      occurrenceUses(text, uses);
      assert.deepStrictEqual([...uses], expected(text), JSON.stringify(text));
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
