import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultSettings } from '../../server/src/config/settings';
import { Engine } from '../../server/src/engine/engine';
import { allRules } from '../../server/src/rules';
import type { Finding } from '../../server/src/ruleApi/types';
import { FileSystemModules } from '../../server/src/workspace/modules';
import { SCAN_KEEP_OPEN, callsOfText } from '../../server/src/semantic/crossModule';
import { Scanner } from '../../server/src/workspace/scanner';
import { importsOfText } from '../../server/src/semantic/importLines';
import { dedent, testEngine } from '../support/engine';
import { seededRandom } from '../support/random';

/** Writes `files` (relative path → text) into a fresh folder and returns it. */
function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-modules-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), dedent(text) + '\n');
  }
  return root;
}

describe('calls across the modules of a workspace', () => {
  let engine: Engine;
  const roots: string[] = [];
  before(async () => {
    const { parser } = await testEngine();
    // An engine of its own: the shared one analyses files alone.
    engine = new Engine(parser, allRules);
  });
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  function scan(files: Record<string, string>, file: string): { findings: Finding[]; root: string } {
    const root = workspace(files);
    roots.push(root);
    engine.useWorkspace(new FileSystemModules([root]));
    const full = path.join(root, file);
    const { findings } = engine.analyzeText(fs.readFileSync(full, 'utf8'), defaultSettings, { path: full });
    return { findings, root };
  }

  /**
   * a.aval → b.bval → c.cval → d.get, which reads the environment: from a file importing a.py, four modules away (past
   * the depth limit). `more` is added to c.py.
   */
  function chainToEnvironment(more = ''): Record<string, string> {
    return {
      'd.py': 'import os\n\n\ndef get():\n    return os.environ["X"]\n',
      'c.py': `from d import get\n\n\ndef cval():\n    return get()\n${more}`,
      'b.py': 'from c import cval\n\n\ndef bval():\n    return cval()\n',
      'a.py': 'from b import bval\n\n\ndef aval():\n    return bval()\n',
    };
  }

  /** An engine of its own over the workspace at `root`: what it analyses first stays with it for the next files. */
  function engineOver(root: string): Engine {
    const own = new Engine(engine.parser, allRules);
    own.useWorkspace(new FileSystemModules([root]));
    return own;
  }

  /** The confidences of the shell-command findings (PSG102) `analyse` reports for `file` of the workspace at `root`. */
  function shellConfidences(analyse: Engine, root: string, file: string): string[] {
    const full = path.join(root, file);
    return analyse
      .analyzeText(fs.readFileSync(full, 'utf8'), defaultSettings, { path: full })
      .findings.filter((f) => f.ruleId === 'PSG102')
      .map((f) => f.confidence);
  }

  const app = (imports: string, body: string) => `
    import sqlite3
    from flask import Flask, request
    ${imports}

    app = Flask(__name__)


    @app.route("/")
    def view():
        ${body}
        return sqlite3.connect("db").execute(f"SELECT * FROM t WHERE n = '{name}'").fetchall()
  `;
  const sql = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'PSG101');

  it('applies the summary of a function of another module: the parameter it returns, not the other', () => {
    const helpers = `
      def pick(first, second):
          return first
    `;
    const found = scan(
      { 'app.py': app('from helpers import pick', 'name = pick(request.args["n"], "x")'), 'helpers.py': helpers },
      'app.py',
    ).findings;
    assert.deepStrictEqual(
      sql(found).map((f) => f.confidence),
      ['high'],
    );
    const safe = scan(
      { 'app.py': app('from helpers import pick', 'name = pick("x", request.args["n"])'), 'helpers.py': helpers },
      'app.py',
    ).findings;
    assert.deepStrictEqual(sql(safe), []);
  });

  it('follows package re-exports and relative imports, and shows the steps in the other file', () => {
    const { findings, root } = scan(
      {
        'web/__init__.py': '',
        'web/app.py': app('from .util import current_value', 'name = current_value()'),
        'web/util/__init__.py': 'from .reading import current_value\n',
        'web/util/reading.py': `
          from flask import request


          def current_value():
              value = request.args["q"]
              return value
        `,
      },
      'web/app.py',
    );
    const [finding] = sql(findings);
    assert.ok(finding, 'the request value read in web/util/reading.py reaches the query');
    assert.strictEqual(finding.confidence, 'high');
    const elsewhere = finding.flow!.filter((step) => step.elsewhere);
    assert.ok(elsewhere.length >= 2, JSON.stringify(finding.flow));
    assert.ok(elsewhere.every((step) => step.elsewhere!.path === path.join(root, 'web/util/reading.py')));
    // Zero-based lines of reading.py: the source on line 4 (`value = request.args["q"]`).
    assert.strictEqual(elsewhere[0].elsewhere!.line, 4);
    assert.match(elsewhere[0].message, /untrusted data enters from `request\.args`/);
  });

  it('takes a sanitizer or a validator written in another module as it takes one in the same file', () => {
    const sanitized = scan(
      {
        'app.py': app('from security import clean', 'name = clean(request.args["n"])'),
        'security.py': `
          def clean(value):
              return int(value)
        `,
      },
      'app.py',
    ).findings;
    assert.deepStrictEqual(sql(sanitized), []);
    const validated = scan(
      {
        'app.py': app(
          'import validators',
          'name = request.args["n"]\n        if not validators.is_valid(name):\n            return []',
        ),
        'validators.py': `
          import re


          def is_valid(value):
              return re.fullmatch(r"[a-z]+", value) is not None
        `,
      },
      'app.py',
    ).findings;
    assert.deepStrictEqual(sql(validated), []);
  });

  it('values a parameter that reaches a sink by what callers in other modules pass, keeping summaries per call', () => {
    const files = {
      'actions.py': `
        import subprocess


        def run(command):
            subprocess.run(f"echo {command}", shell=True)


        def tidy(value):
            return value.strip()
      `,
      'app.py': `
        import subprocess
        from flask import Flask, request
        from actions import run, tidy

        app = Flask(__name__)


        @app.route("/")
        def view():
            run(request.args["c"])
            subprocess.run(f"echo {tidy('constant')}", shell=True)
      `,
      'other.py': `
        from actions import tidy


        def report(request):
            return tidy(request.GET["x"])
      `,
    };
    const sink = scan(files, 'actions.py').findings.filter((f) => f.ruleId === 'PSG102');
    assert.deepStrictEqual(
      sink.map((f) => f.confidence),
      ['high'],
    );
    const steps = sink[0].flow!;
    assert.ok(
      steps.some((step) => step.elsewhere && /`run\(\)` is called with/.test(step.message)),
      JSON.stringify(steps),
    );
    // other.py passes request data to tidy(); app.py's own call with a constant stays constant.
    const caller = scan(files, 'app.py').findings.filter((f) => f.ruleId === 'PSG102');
    assert.deepStrictEqual(caller, []);
  });

  it('finds callers that call through the module or an instance, not those calling a function of their own', () => {
    const files = {
      'actions.py': `
        import subprocess


        def run(command):
            subprocess.run(f"echo {command}", shell=True)


        class Runner:
            def start(self, command):
                subprocess.run(f"echo {command}", shell=True)
      `,
      'app.py': `
        import actions
        from flask import Flask, request

        app = Flask(__name__)


        @app.route("/")
        def view():
            actions.run(request.args["c"])
            actions.Runner().start(request.args["d"])
      `,
      'own.py': `
        import actions


        def start(value):
            return value


        def view(request):
            return start(request.GET["x"])
      `,
    };
    const { findings } = scan(files, 'actions.py');
    const sinks = findings.filter((f) => f.ruleId === 'PSG102');
    assert.deepStrictEqual(
      sinks.map((f) => f.confidence),
      ['high', 'high'],
    );
    for (const sink of sinks)
      assert.ok(
        sink.flow!.some((step) => step.elsewhere?.path.endsWith('app.py')),
        JSON.stringify(sink.flow),
      );
  });

  it('finds callers that import the function or the class under another name', () => {
    const files = {
      'actions.py': `
        import subprocess


        def run(command):
            subprocess.run(f"echo {command}", shell=True)


        class Job:
            def __init__(self, command):
                subprocess.run(f"echo {command}", shell=True)
      `,
      'app.py': `
        from actions import Job as Task, run as execute
        from flask import Flask, request

        app = Flask(__name__)


        @app.route("/")
        def view():
            execute(request.args["c"])
            Task(request.args["d"])
      `,
    };
    const { findings } = scan(files, 'actions.py');
    const sinks = findings.filter((f) => f.ruleId === 'PSG102');
    assert.deepStrictEqual(
      sinks.map((f) => f.confidence),
      ['high', 'high'],
    );
    const steps = sinks.flatMap((f) => f.flow!.map((step) => step.message));
    assert.ok(steps.includes('`execute()` is called with `request.args["c"]` in app.py'), JSON.stringify(steps));
    assert.ok(steps.includes('`Task()` is called with `request.args["d"]` in app.py'), JSON.stringify(steps));
    // What the index reads of such imports.
    assert.deepStrictEqual(importsOfText('from a import (x as y,\n    z, w as v)\nfrom b import c\n').aliases, [
      ['x', 'y'],
      ['w', 'v'],
    ]);
  });

  it('passes the arguments of a static method, a class method and a method called on its class to the right parameters', () => {
    const files = {
      'actions.py': `
        import subprocess


        class Runner:
            @staticmethod
            def shell(command):
                subprocess.run(f"echo {command}", shell=True)

            @classmethod
            def shell_for(cls, command):
                subprocess.run(f"echo {command}", shell=True)

            def start(self, command):
                subprocess.run(f"echo {command}", shell=True)

            @staticmethod
            def same(value):
                return value

            @classmethod
            def named(cls, value):
                return value
      `,
      'app.py': `
        import actions
        from flask import Flask, request

        app = Flask(__name__)


        @app.route("/")
        def view():
            runner = actions.Runner()
            actions.Runner.shell(request.args["a"])
            actions.Runner.shell_for(request.args["b"])
            actions.Runner.start(runner, request.args["c"])
      `,
    };
    // Each sink's parameter is given request data by its caller in app.py.
    const { findings } = scan(files, 'actions.py');
    assert.deepStrictEqual(
      findings.filter((f) => f.ruleId === 'PSG102').map((f) => f.confidence),
      ['high', 'high', 'high'],
    );
    // And what such methods return, from the other side.
    for (const call of ['actions.Runner.same(request.args["n"])', 'actions.Runner().same(request.args["n"])'])
      assert.strictEqual(
        sql(scan({ ...files, 'app.py': app('import actions', `name = ${call}`) }, 'app.py').findings).length,
        1,
        call,
      );
    for (const call of ['actions.Runner.named(request.args["n"])', 'actions.Runner().named(request.args["n"])'])
      assert.strictEqual(
        sql(scan({ ...files, 'app.py': app('import actions', `name = ${call}`) }, 'app.py').findings).length,
        1,
        call,
      );
  });

  it('parses no importer whose calls of a method cannot reach it: made on `super()`, or of a longer class name', () => {
    const files = {
      'actions.py': `
        import subprocess


        class Runner:
            def start(self, command):
                subprocess.run(f"echo {command}", shell=True)
      `,
      // Names the class only inside a longer name.
      'lookalike.py': `
        import actions
        from flask import request


        class RunnerLike:
            def start(self, command):
                return command


        def view():
            RunnerLike().start(request.args["c"])
      `,
      // Calls the method only on `super()`, which the analysis resolves to the built-in, not to the class.
      'subclass.py': `
        import actions
        from flask import request


        class Mine(actions.Runner):
            def start(self, command):
                super().start(request.args["c"])
                super(
                    Mine, self
                ).start(request.args["d"])
      `,
    };
    const root = workspace(files);
    roots.push(root);
    const importers = ['lookalike.py', 'subclass.py'].map((name) => fs.readFileSync(path.join(root, name), 'utf8'));
    const own = engineOver(root);
    const parse = own.parser.parse.bind(own.parser);
    let parsed = 0;
    own.parser.parse = (text, previous) => {
      if (importers.includes(text)) parsed++;
      return parse(text, previous);
    };
    try {
      assert.deepStrictEqual(shellConfidences(own, root, 'actions.py'), ['low']);
    } finally {
      own.parser.parse = parse;
    }
    assert.strictEqual(parsed, 0);
    // The calls of other methods stay (`Base.prepare(self)`, `self.done()`), and the call of `super` itself.
    const calls = callsOfText(
      dedent(`
        class Handler(Base):
            def get(self, request):
                super().get(request)
                Base.prepare(self, request.args)
                self.done()
      `),
    );
    assert.strictEqual(calls.hinted.attribute, '\nprepare\ndone\n');
    assert.match(calls.hinted.bare, /\nsuper\n/);
  });

  it('does not follow callers in test code: an importer that imports a test framework is not parsed', () => {
    const helper = `
      import subprocess


      def run(command):
          subprocess.run(f"echo {command}", shell=True)
    `;
    const caller = (imports: string) => `
      import actions
      ${imports}
      from flask import request


      def view():
          actions.run(request.args["c"])
    `;
    /** The confidences of actions.py's shell findings with `imports` in its importer, and whether it was parsed. */
    const analyse = (imports: string) => {
      const root = workspace({ 'actions.py': helper, 'views.py': caller(imports) });
      roots.push(root);
      const importer = fs.readFileSync(path.join(root, 'views.py'), 'utf8');
      const own = engineOver(root);
      const parse = own.parser.parse.bind(own.parser);
      let parsed = 0;
      own.parser.parse = (text, previous) => {
        if (text === importer) parsed++;
        return parse(text, previous);
      };
      try {
        return { confidences: shellConfidences(own, root, 'actions.py'), parsed };
      } finally {
        own.parser.parse = parse;
      }
    };
    // Not test code: its request data reaches the shell.
    assert.deepStrictEqual(analyse('import os'), { confidences: ['high'], parsed: 1 });
    assert.deepStrictEqual(analyse('import unittesting'), { confidences: ['high'], parsed: 1 });
    // Test code, by any of the forms a test framework is imported in.
    for (const imports of ['import unittest', 'from unittest import mock', 'import pytest', 'from test import support'])
      assert.deepStrictEqual(analyse(imports), { confidences: ['low'], parsed: 0 }, imports);
    // What the index records, read from the text alone.
    assert.strictEqual(callsOfText('import unittest.mock\n').testCode, true);
    assert.strictEqual(callsOfText('from test.support import os_helper\n').testCode, true);
    assert.strictEqual(callsOfText('import mytest.support\nimport nosey\n').testCode, false);
    // Test code's calls are not read at all.
    const test = callsOfText('import pytest\nfrom flask import request\n\n\ndef test_run():\n    run(request.args)\n');
    assert.deepStrictEqual([test.hinted.bare, test.hinted.attribute], ['\n\n', '\n\n']);
  });

  it("values a parameter of a class's `__init__` by what the class is constructed with in other modules", () => {
    const files = {
      'storage.py': `
        import subprocess


        class Job:
            def __init__(self, command):
                subprocess.run(f"echo {command}", shell=True)
      `,
      'app.py': `
        import storage
        from flask import Flask, request
        from storage import Job

        app = Flask(__name__)


        @app.route("/")
        def view():
            Job(request.args["c"])
            storage.Job(command=request.args["d"])
      `,
    };
    const { findings } = scan(files, 'storage.py');
    const [sink] = findings.filter((f) => f.ruleId === 'PSG102');
    assert.strictEqual(sink?.confidence, 'high', JSON.stringify(findings));
    const steps = sink.flow!.filter((step) => step.elsewhere?.path.endsWith('app.py')).map((step) => step.message);
    assert.ok(steps.includes('`Job()` is called with `request.args["c"]` in app.py'), JSON.stringify(steps));
    // Constructed with constants only: nothing from a caller.
    const constant = files['app.py'].replace('request.args["c"]', '"a"').replace('request.args["d"]', '"b"');
    assert.deepStrictEqual(
      scan({ ...files, 'app.py': constant }, 'storage.py').findings.filter(
        (f) => f.ruleId === 'PSG102' && f.confidence === 'high',
      ),
      [],
    );
  });

  it('reads the same called names from an ASCII text as the pattern for any text does', () => {
    // A character outside ASCII in a comment makes the reading take the pattern for any text.
    const next = seededRandom(11);
    const pieces = ['run', 'f2', '_x', 'é', 'super', 'request', '.', '(', ')', ' ', '\n', '1', '"a"', ',', '\\\n'];
    for (let round = 0; round < 300; round++) {
      let text = 'request\n';
      for (let i = 0; i < 40; i++) text += pieces[Math.floor(next() * pieces.length)];
      const ascii = text.replace(/é/g, 'e');
      const { hinted } = callsOfText(ascii);
      assert.deepStrictEqual(callsOfText(`${ascii}\n# é`).hinted, hinted, JSON.stringify(ascii));
    }
    assert.strictEqual(callsOfText('request\ncafé(x)\nobj.naïve (y)\n').hinted.attribute, '\nnaïve\n');
  });

  it('with extra sources in the settings, reads the callers whose code names no usual source', () => {
    const files = {
      'actions.py': `
        import subprocess


        def run(command):
            subprocess.run(f"echo {command}", shell=True)
      `,
      'jobs.py': `
        from actions import run
        from myapp.queue import next_message


        def work():
            run(next_message())
      `,
    };
    const root = workspace(files);
    roots.push(root);
    engine.useWorkspace(new FileSystemModules([root]));
    const full = path.join(root, 'actions.py');
    const confidences = (settings: typeof defaultSettings) =>
      engine
        .analyzeText(fs.readFileSync(full, 'utf8'), settings, { path: full })
        .findings.filter((f) => f.ruleId === 'PSG102')
        .map((f) => f.confidence);
    // jobs.py holds nothing that looks like a source: its calls are not read for the defaults.
    assert.deepStrictEqual(confidences(defaultSettings), ['low']);
    const extra = {
      ...defaultSettings,
      taint: { ...defaultSettings.taint, extraSources: ['myapp.queue.next_message'] },
    };
    assert.deepStrictEqual(confidences(extra), ['high']);
  });

  it('gives a file the same findings whatever files were analysed before it (answers cut short at the depth limit are not kept)', () => {
    // x.py reaches d.py's environment read four modules away, past the depth limit; z.py reaches it three away.
    const files = {
      ...chainToEnvironment(),
      'x.py': `
        import subprocess
        from a import aval

        subprocess.run(aval(), shell=True)
      `,
      'z.py': `
        import subprocess
        from b import bval

        subprocess.run(bval(), shell=True)
      `,
    };
    const root = workspace(files);
    roots.push(root);
    const alone = shellConfidences(engineOver(root), root, 'z.py');
    assert.deepStrictEqual(alone, ['medium']);
    const afterOther = engineOver(root);
    assert.deepStrictEqual(shellConfidences(afterOther, root, 'x.py'), ['low']);
    assert.deepStrictEqual(shellConfidences(afterOther, root, 'z.py'), alone);
  });

  it('gives a file the same findings whatever files were analysed before it (summaries of mutually recursive functions)', () => {
    // x.py asks about f first: g's summary is then computed while f's is unfinished, which must not be kept for y.py.
    const root = workspace({
      'm.py': `
        import os


        def f(n):
            if n:
                return g(n - 1)
            return os.environ["X"]


        def g(n):
            if n:
                return f(n - 1)
            return "safe"
      `,
      'x.py': `
        import subprocess
        from m import f, g

        subprocess.run(f(1), shell=True)
        subprocess.run(g(1), shell=True)
      `,
      'y.py': `
        import subprocess
        from m import g

        subprocess.run(g(1), shell=True)
      `,
    });
    roots.push(root);
    assert.deepStrictEqual(shellConfidences(engineOver(root), root, 'y.py'), ['medium']);
    const afterOther = engineOver(root);
    assert.deepStrictEqual(shellConfidences(afterOther, root, 'x.py'), ['medium', 'medium']);
    assert.deepStrictEqual(shellConfidences(afterOther, root, 'y.py'), ['medium']);
  });

  it('gives a file the same findings whatever files were analysed before it (what modules computed from an answer cut short is not kept)', () => {
    // From x.py, c.cval reaches d.py past the depth limit: what c.py's analysis kept of it must not serve cval2.
    const root = workspace({
      ...chainToEnvironment('\n\ndef cval2():\n    return cval()\n'),
      'x.py': `
        import subprocess
        from a import aval
        from c import cval2

        subprocess.run(aval(), shell=True)
        subprocess.run(cval2(), shell=True)
      `,
      'z.py': `
        import subprocess
        from c import cval2

        subprocess.run(cval2(), shell=True)
      `,
    });
    roots.push(root);
    assert.deepStrictEqual(shellConfidences(engineOver(root), root, 'z.py'), ['medium']);
    const afterOther = engineOver(root);
    assert.deepStrictEqual(shellConfidences(afterOther, root, 'x.py'), ['low', 'medium']);
    assert.deepStrictEqual(shellConfidences(afterOther, root, 'z.py'), ['medium']);
  });

  it('reads the helper again when its text changes', () => {
    const root = workspace({
      'app.py': app('from helpers import pick', 'name = pick(request.args["n"], "x")'),
      'helpers.py': 'def pick(first, second):\n    return first\n',
    });
    roots.push(root);
    const modules = new FileSystemModules([root]);
    engine.useWorkspace(modules);
    const file = path.join(root, 'app.py');
    const text = fs.readFileSync(file, 'utf8');
    const before = engine.analyzeText(text, defaultSettings, { path: file });
    assert.strictEqual(sql(before.findings).length, 1);
    assert.ok(before.moduleReads?.has(path.join(root, 'helpers.py')), 'the analysis says it read helpers.py');
    fs.writeFileSync(path.join(root, 'helpers.py'), 'def pick(first, second):\n    return second\n');
    modules.changed(path.join(root, 'helpers.py'));
    assert.deepStrictEqual(sql(engine.analyzeText(text, defaultSettings, { path: file }).findings), []);
  });

  it('keeps fewer other modules parsed between the files of a scan than between analyses in the editor', () => {
    const helpers = 8;
    const files: Record<string, string> = {};
    for (let i = 0; i < helpers; i++) files[`helper${i}.py`] = `def pick(first, second):\n    return first\n`;
    const imports = Array.from({ length: helpers }, (_, i) => `import helper${i}`).join('\n');
    const calls = Array.from({ length: helpers }, (_, i) => `helper${i}.pick(request.args["n"], "x")`).join(' + ');
    files['app.py'] = app(imports, `name = ${calls}`);
    const root = workspace(files);
    roots.push(root);
    const helperTexts = new Set(
      Array.from({ length: helpers }, (_, i) => fs.readFileSync(path.join(root, `helper${i}.py`), 'utf8')),
    );
    const file = path.join(root, 'app.py');
    /** How many trees of the helpers `analyse` leaves undeleted, and its SQL findings. */
    const helpersLeftParsed = (analyse: () => Finding[]): [number, number] => {
      const parse = engine.parser.parse.bind(engine.parser);
      let alive = 0;
      engine.parser.parse = (text, previous) => {
        const tree = parse(text, previous);
        if (!helperTexts.has(text)) return tree;
        alive++;
        const remove = tree.delete.bind(tree);
        tree.delete = () => {
          alive--;
          remove();
        };
        return tree;
      };
      try {
        const found = sql(analyse()).length;
        return [alive, found];
      } finally {
        engine.parser.parse = parse;
      }
    };
    const scanner = new Scanner(engine.parser, new Engine(engine.parser, allRules));
    scanner.useWorkspace({ roots: [root], exclude: [] });
    const scanned = helpersLeftParsed(() => {
      const scan = scanner.scanFile(file, defaultSettings);
      assert.ok('findings' in scan, 'app.py is analysed');
      return scan.findings;
    });
    assert.deepStrictEqual(scanned, [SCAN_KEEP_OPEN, 1]);
    const editor = engineOver(root);
    const edited = helpersLeftParsed(
      () => editor.analyzeText(fs.readFileSync(file, 'utf8'), defaultSettings, { path: file }).findings,
    );
    assert.deepStrictEqual(edited, [helpers, 1]);
  });

  it('finds the names from-imports import, over continued lines too, and a star import', () => {
    const { names, all } = importsOfText(
      'from a import (x,\n  y as z)\nfrom b import c, \\\n    d\nfrom e import(f)\nimport g\n',
    );
    assert.deepStrictEqual([...names], ['x', 'y', 'c', 'd', 'f']);
    assert.strictEqual(all, false);
    assert.strictEqual(importsOfText('from a import *\n').all, true);
  });

  it('finds the modules an import line may name, including parenthesised and relative imports', () => {
    assert.deepStrictEqual(
      importsOfText('import a.b as c, d\nfrom .pkg import (x,\n  y as z)\nfrom . import mod\n').modules,
      ['a.b', 'd', '.pkg', '.pkg.x', '.pkg.y', '.', '.mod'],
    );
  });

  it('resolves only files inside the roots, the way Python looks for them', () => {
    const root = workspace({ 'src/pkg/__init__.py': '', 'src/pkg/mod.py': '', 'tool.py': '' });
    roots.push(root);
    const modules = new FileSystemModules([root]);
    const importer = path.join(root, 'src/pkg/mod.py');
    assert.strictEqual(modules.resolve('pkg.mod', path.join(root, 'tool.py')), importer);
    assert.strictEqual(modules.resolve('.', importer), path.join(root, 'src/pkg/__init__.py'));
    assert.strictEqual(modules.resolve('tool', importer), path.join(root, 'tool.py'));
    assert.strictEqual(modules.resolve('os', importer), undefined);
    assert.strictEqual(modules.resolve('...outside', importer), undefined);
  });
});
