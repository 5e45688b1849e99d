import * as assert from 'assert';
import type { Node } from '../../server/src/parser/parser';
import { SemanticModel, modelNodeTypes } from '../../server/src/semantic/model';
import * as fs from 'fs';
import { dedent, testEngine } from '../support/engine';
import { exampleFiles } from '../robustness/corpus';
import { importedModules } from '../../server/src/semantic/imports';
import { defaultSettings } from '../../server/src/config/settings';

/** Builds the model the way the engine does and returns it with a finder for call nodes. */
async function modelOf(
  code: string,
): Promise<{ model: SemanticModel; call: (text: string) => Node; dispose: () => void }> {
  const { parser } = await testEngine();
  const tree = parser.parse(code);
  const query = parser.query(`[${[...modelNodeTypes, 'call'].map((t) => `(${t})`).join(' ')}] @node`);
  const byType = new Map<string, Node[]>();
  for (const { node } of query.captures(tree.rootNode)) byType.set(node.type, [...(byType.get(node.type) ?? []), node]);
  const model = new SemanticModel(tree.rootNode, code, byType);
  const call = (text: string) => {
    const found = (byType.get('call') ?? []).find((node) => node.text.startsWith(text));
    assert.ok(found, `no call starting with ${text}`);
    return found;
  };
  return { model, call, dispose: () => tree.delete() };
}

describe('semantic model', () => {
  it('resolves imports and aliases to qualified names', async () => {
    const { model, call, dispose } = await modelOf(
      dedent(`
      import os as o
      import os.path
      from subprocess import run as r
      from flask import request
      import xml.etree.ElementTree as ET
      o.system("ls")
      r(["ls"])
      request.args.get("q")
      ET.parse(f)
      os.path.join(a, b)
      open(p)
      def f(open):
          open(p)
    `),
    );
    assert.strictEqual(model.calleeName(call('o.system')), 'os.system');
    assert.strictEqual(model.calleeName(call('r(')), 'subprocess.run');
    assert.strictEqual(model.calleeName(call('request.args.get')), 'flask.request.args.get');
    assert.strictEqual(model.calleeName(call('ET.parse')), 'xml.etree.ElementTree.parse');
    assert.strictEqual(model.calleeName(call('os.path.join')), 'os.path.join');
    const opens = [call('open(p)')];
    assert.strictEqual(model.calleeName(opens[0]), 'builtins.open');
    dispose();
  });

  it('a parameter shadows a builtin inside its function only', async () => {
    const code = 'def f(open):\n    open(p)\nopen(q)\n';
    const { model, call, dispose } = await modelOf(code);
    assert.strictEqual(model.calleeName(call('open(p)')), undefined);
    assert.strictEqual(model.calleeName(call('open(q)')), 'builtins.open');
    dispose();
  });

  it('follows names to the calls that produced them', async () => {
    const { model, call, dispose } = await modelOf(
      dedent(`
      import sqlite3
      conn = sqlite3.connect("db")
      cur = conn.cursor()
      cur.execute("x")
      with sqlite3.connect("db") as c2:
          c2.execute("y")
    `),
    );
    const receiver = (text: string) => call(text).childForFieldName('function')!.childForFieldName('object')!;
    assert.strictEqual(model.resolvedPath(receiver('cur.execute')), 'sqlite3.connect().cursor()');
    assert.strictEqual(model.resolvedPath(receiver('c2.execute')), 'sqlite3.connect()');
    dispose();
  });

  it('knows how a string was built, through names, within a scope', async () => {
    const { model, call, dispose } = await modelOf(
      dedent(`
      TABLE = "users"
      def f(x, y):
          q = "SELECT * FROM " + TABLE + " WHERE a = " + x
          q2 = f"b = {y}"
          q3 = "c = %s AND d = %(d)s" % (x,)
          q4 = "e = {} {name}".format(x, name=y)
          q5 = ", ".join(["a", x])
          q6 = "start"
          q6 += x
          run(q, q2, q3, q4, q5, q6)
    `),
    );
    const args = call('run(').childForFieldName('arguments')!.namedChildren;
    const shapes = args.map((arg) => model.stringShape(arg));
    assert.strictEqual(shapes[0].template('?'), 'SELECT * FROM users WHERE a = ?');
    assert.deepStrictEqual(
      shapes[0].holes.map((h) => [h.expression.text, h.via]),
      [['x', 'concat']],
    );
    assert.ok(shapes[0].spansStatements);
    assert.strictEqual(shapes[1].template('?'), 'b = ?');
    assert.strictEqual(shapes[1].holes[0].via, 'fstring');
    assert.strictEqual(shapes[2].exact, false, 'a named %-field with a tuple cannot be matched');
    assert.strictEqual(shapes[3].template('?'), 'e = ? ?');
    assert.deepStrictEqual(
      shapes[3].holes.map((h) => h.expression.text),
      ['x', 'y'],
    );
    assert.strictEqual(shapes[4].template('?'), 'a, ?');
    assert.strictEqual(shapes[4].holes[0].via, 'join');
    assert.strictEqual(shapes[5].template('?'), 'start?');
    dispose();
  });

  it('tells request data, parameters and constants apart', async () => {
    const { model, call, dispose } = await modelOf(
      dedent(`
      from flask import request
      def view(name):
          q = request.args.get("q")
          n = int(request.args["n"])
          use(q, name, n, "const", 3)
    `),
    );
    const args = call('use(')
      .childForFieldName('arguments')!
      .namedChildren.map((n) => [...model.origins(n)].sort());
    assert.deepStrictEqual(args, [['request'], ['parameter'], ['constant'], ['constant'], ['constant']]);
    dispose();
  });
});

describe('the modules a file imports, from the analysis', () => {
  it('are those of a model of the import statements alone, relative imports left out', async () => {
    const { parser, engine } = await testEngine();
    const texts = [
      ...exampleFiles().map((file) => fs.readFileSync(file, 'utf8')),
      // No rule has anything to find here: the modules are still told.
      'import os\nfrom flask import Flask\nfrom . import views\nfrom .models import User\n',
      'def f():\n    import yaml.constructor\n    from ..pkg import x\n',
    ];
    for (const text of texts) {
      const tree = parser.parse(text);
      try {
        const analysed = engine.analyze(tree, text, defaultSettings, { modules: true, verifyFixes: false }).modules;
        assert.deepStrictEqual([...(analysed ?? [])].sort(), [...importedModules(parser, tree, text)].sort());
        assert.ok(!analysed?.some((name) => name.startsWith('.')), 'no relative import');
      } finally {
        tree.delete();
      }
    }
    const tree = parser.parse('import os\nfrom . import views\n');
    try {
      assert.deepStrictEqual(
        engine.analyze(tree, 'import os\nfrom . import views\n', defaultSettings, { modules: true }).modules,
        ['os'],
      );
    } finally {
      tree.delete();
    }
  });
});
