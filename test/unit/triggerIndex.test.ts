import * as assert from 'assert';
import { TriggerIndex } from '../../server/src/engine/triggers';
import { allRules } from '../../server/src/rules';
import { seededRandom as random } from '../support/random';

/**
 * `TriggerIndex.edited` searches again only around a change: after every edit of a random sequence
 * it must answer as an index built from the whole new text: whether each rule's trigger words
 * occur, and where each name a rule follows references to occurs. The texts are made of the rules'
 * own words, pieces of them and characters that join or split them, so edits make and break
 * occurrences (overlapping ones too) at the edges of the change.
 */

const triggerWords = [...new Set(allRules.flatMap((rule) => rule.triggers))];
const followedNames = [...new Set(allRules.flatMap((rule) => rule.references?.names ?? []))];

function piece(next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const roll = next();
  if (roll < 0.3) return pick(triggerWords);
  if (roll < 0.45) return pick(followedNames);
  if (roll < 0.7) {
    // Part of a word: its start or its end, to be completed by a later edit.
    const word = pick(next() < 0.5 ? triggerWords : followedNames);
    const cut = 1 + Math.floor(next() * Math.max(1, word.length - 1));
    return next() < 0.5 ? word.slice(0, cut) : word.slice(cut);
  }
  return pick([' ', '.', '(', ')', '\n', 'x', '_', 'ss', 'ee']);
}

function answers(index: TriggerIndex): unknown {
  return {
    present: triggerWords.filter((word) => index.has(word)),
    positions: followedNames.map((name) => [name, index.occurrences(name)]),
  };
}

describe('TriggerIndex', () => {
  it('answers after an edit as an index of the whole new text does', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      let text = '';
      while (text.length < 200) text += piece(next);
      let index = TriggerIndex.of(allRules, text);
      for (let step = 0; step < 40; step++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(next() * (next() < 0.8 ? 3 : 20)));
        const inserted = next() < 0.3 ? '' : piece(next);
        const edited = text.slice(0, start) + inserted + text.slice(end);
        index = index.edited(text, edited, { start, oldEnd: end, newEnd: start + inserted.length });
        text = edited;
        assert.deepStrictEqual(answers(index), answers(TriggerIndex.of(allRules, text)), `seed ${seed}, step ${step}`);
      }
    }
  });

  it('follows a word from none to one occurrence and back', () => {
    const before = 'x = 1\n';
    const index = TriggerIndex.of(allRules, before);
    assert.ok(!index.has('eval'));
    const typed = index.edited(before, 'x = eval\n', { start: 4, oldEnd: 5, newEnd: 8 });
    assert.ok(typed.has('eval'));
    const twice = typed.edited('x = eval\n', 'x = evaleval\n', { start: 8, oldEnd: 8, newEnd: 12 });
    const once = twice.edited('x = evaleval\n', 'x = evalval\n', { start: 8, oldEnd: 9, newEnd: 8 });
    assert.ok(once.has('eval'));
    const none = once.edited('x = evalval\n', 'x = vval\n', { start: 4, oldEnd: 8, newEnd: 5 });
    assert.ok(!none.has('eval'));
  });
});
