import * as assert from 'assert';
import { editedRanges, misindentedAt, strictSyntaxProblem } from '../../server/src/parser/strictSyntax';
import { syntaxErrorCount } from '../../server/src/parser/parser';
import { testEngine } from '../support/engine';
import { requireCPython } from '../support/cpython';
import { editCorpus } from '../robustness/corpus';
import { seededRandom } from '../support/random';
import { Engine, FixChecker } from '../../server/src/engine/engine';
import { defaultSettings } from '../../server/src/config/settings';
import type { Rule } from '../../server/src/ruleApi/types';

/** A rule that reports every call to `open` with a fix that writes a starred operand (what tree-sitter accepts). */
const starredFixRule: Rule = {
  meta: {
    id: 'TEST1',
    name: 'test',
    title: 'test',
    defaultSeverity: 'warning',
    cwe: 22,
    owasp: 'A01',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: true,
  },
  triggers: ['open'],
  visitors: {
    call(node, context) {
      if (node.childForFieldName('function')?.text !== 'open') return;
      const args = node.childForFieldName('arguments')!;
      context.report({
        node,
        message: 'open',
        confidence: 'high',
        fix: {
          title: 'starred',
          applicability: 'safe',
          edits: [{ start: args.startIndex, end: args.endIndex, newText: '(Path(base) / *parts)' }],
        },
      });
    },
  },
};

/**
 * Shapes tree-sitter parses without an error and CPython may reject: the strict check must agree
 * with CPython's compiler (the oracle) on every one, in both directions.
 */
const shapes = [
  'x = (Path(a) / *b)\n',
  'x = Path(a) / *name.split("/")\n',
  'x = *a\n',
  'x = *a,\n',
  'f(k=*a)\n',
  'f(**k, *a)\n',
  'f(*a, **k)\n',
  'f(**k, a)\n',
  'f(a=1, b)\n',
  'f(a, b=1)\n',
  'f(*a, b)\n',
  'f(b=1, *a)\n',
  'f(t=1, t=2)\n',
  'f(t=1, u=2)\n',
  'print(*a, sep="")\n',
  'a, *b = c\n',
  'x = [*a, *b]\n',
  'x = {*a, *b}\n',
  'x = {**a, **b}\n',
  'return_value = (*a, b)\n',
  'def g():\n    return *a, b\n',
  'x = a[*b]\n',
  'for x in *a, b:\n    pass\n',
  'x = 1 + \\\n    2\n',
  'x = 1 + \\  # note\n    2\n',
  'x = [a for a in b if not a.startswith(*c)]\n',
  'requests.get(url, timeout=60, timeout=5)\n',
  'hashlib.md5(data, usedforsecurity=False)\n',
];

describe('strict syntax: what tree-sitter accepts and CPython rejects', () => {
  it('agrees with CPython on every shape (CPython is the oracle)', async () => {
    const python = requireCPython();
    const { parser } = await testEngine();
    const failures = python.compile(shapes.map((source, i) => ({ id: String(i), source })));
    const disagreements: string[] = [];
    shapes.forEach((source, i) => {
      const tree = parser.parse(source);
      try {
        const treeSitterError = syntaxErrorCount(tree.rootNode) > 0;
        const strict = strictSyntaxProblem(parser, tree.rootNode, [{ start: 0, end: source.length }]);
        const rejected = treeSitterError || strict !== undefined;
        const cpythonRejects = failures.has(String(i));
        if (rejected !== cpythonRejects)
          disagreements.push(
            `${JSON.stringify(source)}: CPython ${cpythonRejects ? 'rejects' : 'accepts'}, we ${rejected ? `reject (${strict ?? 'parse error'})` : 'accept'}`,
          );
      } finally {
        tree.delete();
      }
    });
    assert.deepStrictEqual(disagreements, []);
    // The list must hold shapes of both kinds, or the agreement proves nothing.
    assert.ok(
      failures.size >= 8 && failures.size <= shapes.length - 8,
      `${failures.size} of ${shapes.length} rejected by CPython`,
    );
  });

  it('looks only at the ranges it is given (the edited parts of a fixed file)', async () => {
    const { parser } = await testEngine();
    const source = 'x = *a\ny = 1\n';
    const tree = parser.parse(source);
    try {
      assert.ok(strictSyntaxProblem(parser, tree.rootNode, [{ start: 0, end: 6 }]));
      assert.strictEqual(strictSyntaxProblem(parser, tree.rootNode, [{ start: 8, end: 12 }]), undefined);
    } finally {
      tree.delete();
    }
  });

  it('a fix whose output tree-sitter parses and CPython rejects is withheld, on the whole file and on a region', async () => {
    const { parser } = await testEngine();
    const engine = new Engine(parser, [starredFixRule]);
    const text = 'def f(base, parts):\n    return open(name)\n';
    const tree = parser.parse(text);
    try {
      const [whole] = engine.analyze(tree, text, defaultSettings).findings;
      assert.strictEqual(whole.fix, undefined);
      assert.match(whole.fixUnavailable ?? '', /not valid Python \(can't use starred expression here/);
      // A large file is checked on the region of the fix.
      const big = `${Array.from({ length: 2000 }, (_, i) => `def g${i}():\n    return ${i}\n`).join('')}${text}`;
      const bigTree = parser.parse(big);
      try {
        const findings = engine.analyze(bigTree, big, defaultSettings, { verifyFixes: false }).findings;
        const checker = new FixChecker(engine, bigTree, big, defaultSettings, findings, { regionFrom: 1000 });
        checker.check(findings[0]);
        assert.strictEqual(checker.counts.region, 1, 'checked on a region');
        assert.strictEqual(findings[0].fix, undefined);
        assert.match(findings[0].fixUnavailable ?? '', /not valid Python/);
      } finally {
        bigTree.delete();
      }
    } finally {
      tree.delete();
    }
  });

  it('a fix that indents a line unlike the lines beside it is withheld (CPython is the oracle)', async () => {
    const python = requireCPython();
    const { parser } = await testEngine();
    // A guard written with four spaces before a statement of a function indented with a tab.
    const guardRule: Rule = {
      ...starredFixRule,
      visitors: {
        call(node, context) {
          if (node.childForFieldName('function')?.text !== 'open') return;
          const lineStart = node.startIndex - node.startPosition.column;
          context.report({
            node,
            message: 'open',
            confidence: 'high',
            fix: {
              title: 'guard',
              applicability: 'safe',
              edits: [{ start: lineStart, end: lineStart, newText: '    check(name)\n' }],
            },
          });
        },
      },
    };
    const engine = new Engine(parser, [guardRule]);
    const text = 'def f(name):\n\tdata = open(name)\n\treturn data\n';
    const fixed = 'def f(name):\n    check(name)\n\tdata = open(name)\n\treturn data\n';
    assert.ok(python.compile([{ id: 'fixed', source: fixed }]).has('fixed'), 'CPython rejects the output');
    const tree = parser.parse(text);
    try {
      const [finding] = engine.analyze(tree, text, defaultSettings).findings;
      assert.strictEqual(finding.fix, undefined);
      assert.match(finding.fixUnavailable ?? '', /not valid Python \(a statement is indented/);
    } finally {
      tree.delete();
    }
  });

  it('maps edits to where they land in the edited text', () => {
    assert.deepStrictEqual(
      editedRanges([
        { start: 10, end: 12, newText: 'abcd' },
        { start: 0, end: 0, newText: 'xy' },
      ]),
      [
        { start: 0, end: 2 },
        { start: 12, end: 16 },
      ],
    );
  });

  describe('indentation tree-sitter accepts', () => {
    const inClass = [
      'class Shell:',
      '    def start(self):',
      '        return 1',
      '',
      'u',
      '    def stop(self, code):',
      '        return code',
      '',
    ].join('\n');

    it('finds a statement typed at the left margin inside a class, which tree-sitter makes end the class', async () => {
      const python = requireCPython();
      const { parser } = await testEngine();
      const tree = parser.parse(inClass);
      try {
        assert.strictEqual(tree.rootNode.hasError, false, 'tree-sitter accepts it');
        assert.strictEqual(misindentedAt(tree.rootNode, inClass, [inClass.indexOf('u\n')]), true);
        assert.match(python.compile([{ id: 'x', source: inClass }]).get('x')?.message ?? '', /indent/);
      } finally {
        tree.delete();
      }
    });

    it('never calls a text CPython compiles misindented, after random edits of the corpus (CPython is the oracle)', async () => {
      const python = requireCPython();
      const { parser } = await testEngine();
      const random = seededRandom(7);
      const typed = [' ', '  ', '    ', '\t', 'u', 'x = 1', '\n', '\n    ', '']; // '' deletes a character
      const flagged: { id: string; source: string }[] = [];
      const passed: { id: string; source: string }[] = [];
      const corpus = editCorpus().slice(0, 120);
      corpus.forEach((original, n) => {
        for (let k = 0; k < 25; k++) {
          // An edit at the start of a line (where indentation is typed) or anywhere.
          const lineStarts = [0, ...[...original.matchAll(/\n/g)].map((m) => m.index + 1)];
          const at =
            random() < 0.7
              ? lineStarts[Math.floor(random() * lineStarts.length)]
              : Math.floor(random() * (original.length + 1));
          const insert = typed[Math.floor(random() * typed.length)];
          const source =
            insert === ''
              ? original.slice(0, at) + original.slice(at + 1)
              : original.slice(0, at) + insert + original.slice(at);
          const tree = parser.parse(source);
          try {
            if (tree.rootNode.hasError) continue;
            const entry = { id: `${n}:${k}`, source };
            (misindentedAt(tree.rootNode, source, [at, at + insert.length]) ? flagged : passed).push(entry);
          } finally {
            tree.delete();
          }
        }
      });
      const failures = python.compile(flagged);
      const accepted = flagged.filter((entry) => !failures.has(entry.id));
      assert.deepStrictEqual(
        accepted.map((entry) => entry.source.slice(0, 300)),
        [],
        'texts CPython compiles were called misindented',
      );
      // Not vacuous: the edits made texts tree-sitter accepts and CPython rejects for their indentation, and found them.
      assert.ok(
        flagged.length >= 20,
        `only ${flagged.length} misindented texts among ${flagged.length + passed.length}`,
      );
      const missed = python.compile(passed);
      const indentationMissed = [...missed.values()].filter((f) => /indent/i.test(f.message)).length;
      assert.ok(
        flagged.length > indentationMissed,
        `${flagged.length} found, ${indentationMissed} indentation errors tree-sitter accepts not found`,
      );
    });
  });
});
