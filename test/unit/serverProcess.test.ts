import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { SERVER_NODE_FLAGS } from '../../server/src/shared/serverProcess';

describe('the language server process', () => {
  it('starts under the V8 flags the client gives it (Node refuses a flag it does not know)', () => {
    const started = spawnSync(
      process.execPath,
      [...SERVER_NODE_FLAGS, '-e', 'console.log(require("v8").getHeapStatistics().total_heap_size > 0)'],
      { encoding: 'utf8' },
    );
    assert.strictEqual(started.status, 0, started.stderr);
    assert.strictEqual(started.stdout.trim(), 'true');
  });

  it('keeps the young generation small: its new space stays within two semi-spaces of the flag', () => {
    const semiSpace = Number(
      /^--max-semi-space-size=(\d+)$/.exec(SERVER_NODE_FLAGS.find((f) => f.startsWith('--max-semi')) ?? '')?.[1],
    );
    assert.ok(semiSpace > 0, 'the flags set a semi-space size');
    // Allocate enough short-lived objects that a default young generation would grow to tens of megabytes.
    const script =
      'let keep=[];for(let i=0;i<3e6;i++){keep.push({i});if(keep.length>2e5)keep=[];}' +
      'const s=require("v8").getHeapSpaceStatistics().find(s=>s.space_name==="new_space");console.log(s.space_size)';
    const run = (flags: readonly string[]) =>
      Number(spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' }).stdout.trim());
    const small = run(SERVER_NODE_FLAGS);
    assert.ok(small <= 2 * semiSpace * 1024 * 1024, `new space ${small} bytes`);
    assert.ok(run([]) > small, 'without the flags the young generation grows past it');
  });
});
