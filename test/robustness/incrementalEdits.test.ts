import * as assert from 'assert';
import fc from 'fast-check';
import { LspClient } from '../support/lspServerProcess';
import { editCorpus } from './corpus';
import { comparable, editSequenceArbitrary, runSequence } from './editFuzz';

const runs = Number(process.env.FUZZ_RUNS ?? 200);

describe('incremental edits through the language server (property)', function () {
  this.timeout(600_000);
  let edited: LspClient;
  let reference: LspClient;
  const corpus = editCorpus();

  before(async () => {
    [edited, reference] = await Promise.all([LspClient.start(), LspClient.start()]);
  });

  after(async () => {
    await Promise.all([edited?.stop(), reference?.stop()]);
  });

  it(`${runs} random edit sequences: the server keeps answering and ends with the diagnostics of a fresh open`, async () => {
    await fc.assert(
      fc.asyncProperty(editSequenceArbitrary(corpus), async (sequence) => {
        const outcome = await runSequence(edited, reference, corpus, sequence);
        assert.ok(edited.alive && reference.alive, 'a server exited');
        assert.deepStrictEqual(
          comparable(outcome.incremental),
          comparable(outcome.fresh),
          `diagnostics differ for the final text:\n${JSON.stringify(outcome.finalText)}`,
        );
        // Still answering requests, not only publishing.
        const actions = await edited.codeActions('untitled:not-open.py', []);
        assert.deepStrictEqual(actions, []);
      }),
      {
        numRuns: runs,
        seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
        endOnFailure: process.env.FUZZ_SHRINK === '0',
      },
    );
    assert.strictEqual(edited.serverStderr.includes('Error'), false, edited.serverStderr);
  });
});
