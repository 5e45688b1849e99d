import * as assert from 'assert';
import type { Node } from '../../server/src/parser/parser';
import { SemanticModel, modelNodeTypes } from '../../server/src/semantic/model';
import {
  constantCases,
  constantTwins,
  containerTwins,
  controlFlowTwins,
  propagationCases,
  sameFileCases,
  sanitizerCases,
  sourceCases,
  TaintCase,
  transformTwins,
  TwinCase,
} from '../taint/cases';
import { analyze, dedent, settingsWith, testEngine } from '../support/engine';
import { movedValue, sameTaint, type TaintValue } from '../../server/src/semantic/dataflow/value';

/** Builds the model the way the engine does and asks it about the argument of the last `sink(...)` call. */
async function ask(c: TaintCase) {
  const { parser } = await testEngine();
  const tree = parser.parse(c.code);
  try {
    const query = parser.query(`[${[...modelNodeTypes, 'call'].map((t) => `(${t})`).join(' ')}] @node`);
    const byType = new Map<string, Node[]>();
    for (const { node } of query.captures(tree.rootNode))
      byType.set(node.type, [...(byType.get(node.type) ?? []), node]);
    const model = new SemanticModel(tree.rootNode, c.code, byType, settingsWith(c.settings).taint);
    const sinks = (byType.get('call') ?? []).filter((call) => call.childForFieldName('function')?.text === 'sink');
    assert.ok(sinks.length, 'the case has no sink(...) call');
    const value = sinks[sinks.length - 1].childForFieldName('arguments')!.namedChildren[0];
    const taint = model.taintOf(value, c.kind);
    return { level: taint.level, source: taint.source, steps: taint.steps.map((step) => step.message) };
  } finally {
    tree.delete();
  }
}

function run(title: string, cases: TaintCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(`${c.name} → ${c.level}`, async () => {
        const answer = await ask(c);
        assert.strictEqual(answer.level, c.level, `${c.code}\nsteps: ${answer.steps.join(' | ')}`);
        if (c.source)
          assert.ok(answer.source?.label.includes(c.source), `source ${answer.source?.label} should name ${c.source}`);
        if (c.strength) assert.strictEqual(answer.source?.strength, c.strength);
        if (c.steps) {
          let from = 0;
          for (const expected of c.steps) {
            const at = answer.steps.findIndex((step, i) => i >= from && step.includes(expected));
            assert.ok(at >= 0, `step "${expected}" missing or out of order in: ${answer.steps.join(' | ')}`);
            from = at + 1;
          }
        }
      });
    }
  });
}

/** Each twin twice: the vulnerable one must be tainted, the safe one not. */
function twins(title: string, cases: TwinCase[]): void {
  run(
    title,
    cases.flatMap((c): TaintCase[] => [
      { name: `${c.name} (vulnerable)`, code: c.code.replace('@', c.vulnerable), level: 'tainted', kind: c.kind },
      { name: `${c.name} (safe)`, code: c.code.replace('@', c.safe), level: 'constant', kind: c.kind },
    ]),
  );
}

describe('taint tracking', () => {
  run('sources', sourceCases);
  run('propagation', propagationCases);
  run('sanitizers and guards', sanitizerCases);
  run('constants and unknown origins', constantCases);
  run('values from elsewhere in the file', sameFileCases);
  twins('control flow (twins)', controlFlowTwins);
  twins('constants and dead branches (twins)', constantTwins);
  twins('containers (twins)', containerTwins);
  twins('transformations and sanitizers (twins)', transformTwins);

  it('answers for every node of broken code without throwing', async () => {
    const code =
      'from flask import request\ndef f(:\n    x = request.args[\n    y, = x +\n    for in request.form:\n        sink(f"{x!r:>{y}}" % (y := x))\n';
    const { parser } = await testEngine();
    const tree = parser.parse(code);
    try {
      const query = parser.query(`[${modelNodeTypes.map((t) => `(${t})`).join(' ')}] @node`);
      const byType = new Map<string, Node[]>();
      for (const { node } of query.captures(tree.rootNode))
        byType.set(node.type, [...(byType.get(node.type) ?? []), node]);
      const model = new SemanticModel(tree.rootNode, code, byType);
      const levels = new Set<string>();
      const visit = (node: Node) => {
        levels.add(model.taintOf(node).level);
        for (const child of node.namedChildren) if (child) visit(child);
      };
      visit(tree.rootNode);
      assert.ok(levels.has('tainted'), 'request data is still recognised in broken code');
    } finally {
      tree.delete();
    }
  });

  describe('findings follow the flow', () => {
    const sql = (check: string) =>
      dedent(`
      import sqlite3
      from flask import request
      CHECK = ${check}
      def search():
          if CHECK > 3:
              return sqlite3.connect("x").execute(f"SELECT * FROM t WHERE a = '{request.args['q']}'")
    `);
    const findings = async (code: string) => (await analyze(code)).findings.filter((f) => f.ruleId === 'PSG101');

    it('a sink in a branch that runs is reported at high confidence; in a dead branch, not at all', async () => {
      const live = await findings(sql('4'));
      assert.strictEqual(live.length, 1);
      assert.strictEqual(live[0].confidence, 'high');
      assert.deepStrictEqual(await findings(sql('3')), []);
    });

    it('a loop that changes one list in many branches settles (each ordering is not recomputed)', async () => {
      // Shaped like pip's distlib metadata.py, which never finished before the loop's values were reused.
      const branches = Array.from(
        { length: 12 },
        (_, i) => `        if key != "k${i}" and "${i}" in versions:\n            versions.remove("${i}")\n`,
      ).join('');
      const code = [
        'import sqlite3',
        'from flask import request',
        'def pick():',
        '    versions = ["x", request.args["v"]]',
        '    for key in request.args:',
        branches.trimEnd(),
        '    sqlite3.connect("x").execute(f"SELECT * FROM t WHERE v = \'{versions[0]}\'")',
        '',
      ].join('\n');
      const found = await findings(code);
      assert.strictEqual(found.length, 1);
    });
    it('mutually recursive functions: each call is judged the same whichever the rules ask about first', async () => {
      const functions = [
        'import os',
        'import subprocess',
        'def f(n):',
        '    if n:',
        '        return g(n - 1)',
        '    return os.environ["X"]',
        'def g(n):',
        '    if n:',
        '        return f(n - 1)',
        '    return "safe"',
      ];
      // The confidence of the finding on each call's line, by the function called.
      const judged = async (...calls: string[]) => {
        const code = [...functions, ...calls.map((c) => `subprocess.run(${c}(1), shell=True)`), ''].join('\n');
        const lineOf = (offset: number) => code.slice(0, offset).split('\n').length - 1;
        return Object.fromEntries(
          (await analyze(code)).findings
            .filter((f) => f.ruleId === 'PSG102')
            .map((f) => [calls[lineOf(f.start) - functions.length], f.confidence]),
        );
      };
      const alone = { ...(await judged('f')), ...(await judged('g')) };
      assert.deepStrictEqual(alone, { f: 'medium', g: 'medium' });
      assert.deepStrictEqual(await judged('f', 'g'), alone);
      assert.deepStrictEqual(await judged('g', 'f'), alone);
    });
    /** The confidence of the shell sink of each name of a chain of 80 assignments from the request, in the order given. */
    const chainConfidences = async (...names: string[]) => {
      const chain = ['import subprocess', 'from flask import request', 'def view():', '    x0 = request.args["a"]'];
      for (let i = 1; i <= 80; i++) chain.push(`    x${i} = x${i - 1}`);
      const code = [...chain, ...names.map((n) => `    subprocess.run(${n}, shell=True)`), ''].join('\n');
      const lineOf = (offset: number) => code.slice(0, offset).split('\n').length - 1;
      return Object.fromEntries(
        (await analyze(code)).findings
          .filter((f) => f.ruleId === 'PSG102')
          .map((f) => [names[lineOf(f.start) - chain.length], f.confidence]),
      );
    };

    it('a value reached within the depth limit is judged the same after a longer chain was cut at it', async () => {
      assert.deepStrictEqual(await chainConfidences('x30'), { x30: 'high' });
      // x80 reaches x0 past the depth limit; what x30 took from that cut must not be kept for x30's own sink.
      assert.deepStrictEqual((await chainConfidences('x80', 'x30')).x30, 'high');
    });

    it('a chain longer than the depth limit is cut the same after a shorter one reached the source', async () => {
      const alone = (await chainConfidences('x80')).x80;
      assert.notStrictEqual(alone, 'high', 'alone, x80 is cut before it reaches the request');
      // x30's sink, analysed first, keeps the values of x30 .. x0: x80 may take them only where a walk of its own would
      // have reached them within the limit.
      assert.deepStrictEqual(await chainConfidences('x30', 'x80'), { x30: 'high', x80: alone });
    });
  });

  describe('summaries reused across edits', () => {
    const helper = (body: string) =>
      dedent(`
      import sqlite3
      from flask import request
      def normalise(value):
          ${body}
      def search():
          term = normalise(request.args["q"])
          return sqlite3.connect("x").execute(f"SELECT * FROM t WHERE a = '{term}'")
    `);
    const flowTexts = async (code: string) => {
      const finding = (await analyze(code)).findings.find((f) => f.ruleId === 'PSG101');
      return finding ? (finding.flow ?? []).map((step) => code.slice(step.start, step.end)) : undefined;
    };

    it('an edit elsewhere reuses the unchanged function, with its steps moved to their new place', async () => {
      const first = helper('return value.strip()');
      assert.deepStrictEqual(await flowTexts(first), [
        'request.args',
        'normalise(request.args["q"])',
        'term',
        `sqlite3.connect("x").execute(f"SELECT * FROM t WHERE a = '{term}'")`,
      ]);
      const summaries = (await testEngine()).engine.taintSummaries;
      const hits = summaries.hits;
      const edited = `# a comment added above\n${first.replace('def search():', 'def other():\n    return 1\ndef search():')}`;
      assert.deepStrictEqual(await flowTexts(edited), [
        'request.args',
        'normalise(request.args["q"])',
        'term',
        `sqlite3.connect("x").execute(f"SELECT * FROM t WHERE a = '{term}'")`,
      ]);
      assert.ok(summaries.hits > hits, 'the summary of the unchanged function was reused');
    });

    it('a function whose text changed is analysed again', async () => {
      assert.ok(await flowTexts(helper('return value.strip()')));
      assert.strictEqual(await flowTexts(helper('return int(value)')), undefined);
      assert.ok(await flowTexts(helper('return "<" + value + ">"')));
    });

    it('a summary that reads module-level names is not reused when they change', async () => {
      const withGlobal = (value: string) =>
        `import sqlite3\nfrom flask import request\nPREFIX = ${value}\ndef label(v):\n    return PREFIX\ndef f():\n    sqlite3.connect("x").execute(f"SELECT * FROM t WHERE a = '{label(1)}'")\n`;
      const quiet = (await analyze(withGlobal('"x"'))).findings.filter((f) => f.ruleId === 'PSG101');
      assert.deepStrictEqual(quiet, []);
      const loud = (await analyze(withGlobal('request.args["p"]'))).findings.filter((f) => f.ruleId === 'PSG101');
      assert.strictEqual(loud.length, 1);
      assert.strictEqual(loud[0].confidence, 'high');
    });
  });

  describe('values moved to another version of the file', () => {
    const step = (start: number, end: number, elsewhere?: boolean) => ({
      start,
      end,
      message: 'step',
      ...(elsewhere ? { elsewhere: { path: '/other.py', line: 0, character: 0, endLine: 0, endCharacter: 1 } } : {}),
    });
    const value = (start: number, elsewhere = false): TaintValue => ({
      contributions: [
        {
          level: 'tainted',
          source: { family: 'flask', strength: 'strong', label: 'request.args', start, end: start + 4, elsewhere },
          steps: [step(start + 10, start + 12), step(3, 5, true)],
          sanitizedFor: new Set(),
        },
      ],
    });

    it('moves places in this file, elements included, and leaves those in other files', () => {
      const shaped: TaintValue = { ...value(100), shape: { kind: 'sequence', items: [{ value: value(200) }] } };
      const moved = movedValue(shaped, (offset) => offset + 7)!;
      const first = moved.contributions[0];
      assert.deepStrictEqual([first.source?.start, first.source?.end], [107, 111]);
      assert.deepStrictEqual(
        first.steps.map((s) => [s.start, s.end]),
        [
          [117, 119],
          [3, 5],
        ],
      );
      assert.strictEqual(moved.shape?.kind, 'sequence');
      const element = moved.shape.kind === 'sequence' ? moved.shape.items[0].value : undefined;
      assert.strictEqual(element?.contributions[0].source?.start, 207);
      const elsewhere = movedValue(value(100, true), (offset) => offset + 7)!;
      assert.strictEqual(elsewhere.contributions[0].source?.start, 100);
      assert.strictEqual(shaped.contributions[0].source?.start, 100, 'the value moved is left as it was');
    });

    it('gives nothing when a place has nowhere to go', () => {
      assert.strictEqual(
        movedValue(value(100), (offset) => (offset === 110 ? undefined : offset)),
        undefined,
      );
      assert.ok(
        movedValue(value(100), (offset) => (offset === 3 ? undefined : offset)),
        'another file is not moved',
      );
    });

    it('is the same value moved as computed again, and another whenever anything a finding shows differs', () => {
      const shaped = (start: number, key = '.name'): TaintValue => ({
        ...value(start),
        shape: {
          kind: 'mapping',
          entries: new Map([[key, value(start + 50)]]),
          others: value(start),
          keys: value(start + 80),
        },
      });
      // Built apart, equal in every part: the same; moved by 7, the same as built 7 further on.
      assert.ok(sameTaint(value(100), value(100)));
      assert.ok(
        sameTaint(
          movedValue(shaped(100), (offset) => offset + 7)!,
          shaped(107),
        ),
      );
      const [c] = value(100).contributions;
      const differing: [string, TaintValue][] = [
        ['another place', value(101)],
        ['another shape', shaped(100, '.other')],
        ['no shape', value(100)],
        ['another level', { contributions: [{ ...c, level: 'unknown' }] }],
        ['another source', { contributions: [{ ...c, source: { ...c.source!, label: 'request.form' } }] }],
        ['another message', { contributions: [{ ...c, steps: [{ ...c.steps[0], message: 'other' }, c.steps[1]] }] }],
        ['a step fewer', { contributions: [{ ...c, steps: [c.steps[0]] }] }],
        ['another file', { contributions: [{ ...c, steps: [c.steps[0], { ...c.steps[1], elsewhere: undefined }] }] }],
        ['a sanitizer', { contributions: [{ ...c, sanitizedFor: new Set(['sql'] as const) }] }],
        ['a parameter', { contributions: [{ ...c, parameter: 'x' }] }],
        ['a contribution more', { contributions: [c, { ...c, reason: 'another' }] }],
      ];
      for (const [why, other] of differing) {
        const against = why === 'no shape' ? shaped(100) : value(100);
        assert.ok(!sameTaint(against, other), why);
        assert.ok(!sameTaint(other, against), why);
      }
    });
  });
});
