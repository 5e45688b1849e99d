// The fixes of PSG101, PSG102, PSG310, PSG411 and PSG720 checked against CPython: the original and
// the fixed program are run with legitimate values and must behave the same (same rows from an
// in-memory SQLite database, the same argument vector, the same digest, the same file content),
// and every fix output of these rules' cases must compile. python3 is only an oracle here.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { analyze, applyEdits, dedent } from '../support/engine';
import type { RuleCases } from '../rules/types';
import type { Finding } from '../../server/src/ruleApi/types';

const python = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0 ? 'python3' : undefined;

/** Runs a Python program and returns what it printed; throws with stderr when it fails. */
function run(program: string): string {
  const result = spawnSync(python!, ['-'], { input: program, encoding: 'utf8', timeout: 30000 });
  if (result.status !== 0)
    throw new Error(`python3 failed (${result.status}):\n${result.stderr}\n--- program ---\n${program}`);
  return result.stdout;
}

/** Runs several programs in one python3 process (each in its own namespace) and returns what each printed. */
function runAll(programs: string[]): string[] {
  const runner =
    'import contextlib, io, json, sys\nout = []\nfor source in json.load(sys.stdin):\n    buffer = io.StringIO()\n    with contextlib.redirect_stdout(buffer):\n        exec(compile(source, "<program>", "exec"), {"__name__": "__main__"})\n    out.append(buffer.getvalue())\nprint(json.dumps(out))\n';
  const result = spawnSync(python!, ['-c', runner], {
    input: JSON.stringify(programs),
    encoding: 'utf8',
    timeout: 30000,
  });
  if (result.status !== 0)
    throw new Error(
      `python3 failed (${result.status}):\n${result.stderr}\n--- programs ---\n${programs.join('\n---\n')}`,
    );
  return JSON.parse(result.stdout) as string[];
}

/** The one finding of `ruleId` in `code` and the code with its fix applied. */
async function fixed(code: string, ruleId: string): Promise<{ finding: Finding; output: string }> {
  const { findings } = await analyze(code);
  const own = findings.filter((f) => f.ruleId === ruleId);
  assert.strictEqual(own.length, 1, `one ${ruleId} finding expected in:\n${code}\ngot ${own.length}`);
  assert.ok(own[0].fix, `a fix was expected (${own[0].fixUnavailable ?? 'no reason'}) for:\n${code}`);
  return { finding: own[0], output: applyEdits(code, own[0].fix.edits) };
}

async function noFix(code: string, ruleId: string): Promise<Finding> {
  const { findings } = await analyze(code);
  const own = findings.filter((f) => f.ruleId === ruleId);
  assert.strictEqual(own.length, 1, `one ${ruleId} finding expected in:\n${code}`);
  assert.strictEqual(own[0].fix, undefined, `no fix may be offered for:\n${code}`);
  return own[0];
}

const database = dedent(`
  import sqlite3
  con = sqlite3.connect(":memory:")
  con.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT, code TEXT, note TEXT, price REAL)")
  con.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?)", [
      (1, "apple", "A-1", "it's fine", 1.5),
      (2, "grape", "B-2", "it's ripe", 2.25),
      (3, "pineapple", "A-2", "sour", 3.0),
      (4, "100% juice", "C-1", "it's fine", 4.75),
  ])
`);

/** A query function `q` over the database, with calls whose rows must not change. */
interface SqlScenario {
  name: string;
  /** The body of `def q(...)`, one statement that returns `con.execute(...).fetchall()`. */
  query: string;
  params: string;
  /** Python argument tuples for `q`. */
  calls: string[];
}

const sqlScenarios: SqlScenario[] = [
  {
    name: 'a quoted value',
    params: 'title',
    query: `con.execute(f"SELECT id FROM items WHERE title = '{title}' ORDER BY id")`,
    calls: ['("apple",)', '("grape",)', '("none",)'],
  },
  {
    name: 'LIKE with % around the value',
    params: 'term',
    query: `con.execute(f"SELECT id FROM items WHERE title LIKE '%{term}%' ORDER BY id")`,
    calls: ['("apple",)', '("ap",)', '("x",)'],
  },
  {
    name: '%-formatting with a quoted and a bare value',
    params: 'title, n',
    query: `con.execute("SELECT id FROM items WHERE title <> '%s' AND id > %s ORDER BY id" % (title, n))`,
    calls: ['("apple", 1)', '("grape", 0)'],
  },
  {
    name: 'two values in one literal',
    params: 'a, b',
    query: `con.execute(f"SELECT id FROM items WHERE code = '{a}-{b}' ORDER BY id")`,
    calls: ['("A", 1)', '("A", "2")', '("C", 9)'],
  },
  {
    name: 'a doubled quote in the literal',
    params: 'x',
    query: `con.execute(f"SELECT id FROM items WHERE note = 'it''s {x}' ORDER BY id")`,
    calls: ['("fine",)', '("ripe",)'],
  },
  {
    name: '%d',
    params: 'ident',
    query: `con.execute("SELECT id FROM items WHERE id = %d" % ident)`,
    calls: ['(2,)', '(2.9,)', '(True,)'],
  },
  {
    name: 'an unquoted !r',
    params: 'title',
    query: `con.execute(f"SELECT id FROM items WHERE title = {title!r} ORDER BY id")`,
    calls: ['("apple",)', '("100% juice",)'],
  },
  {
    name: 'a number compared and a LIMIT',
    params: 'price, n',
    query: `con.execute(f"SELECT id FROM items WHERE price >= {price} ORDER BY id LIMIT {n}")`,
    calls: ['(2, 2)', '(1.5, 10)'],
  },
  {
    name: 'a % in the constant text',
    params: 'x',
    query: `con.execute(f"SELECT id FROM items WHERE title LIKE '100%' AND note = '{x}'")`,
    calls: ['("sour",)', '("it",)'],
  },
  {
    name: 'a format spec inside a quoted literal stays in the parameter',
    params: 'n',
    query: `con.execute(f"SELECT id FROM items WHERE code = 'A-{n:.0f}' ORDER BY id")`,
    calls: ['(1.0,)', '(2,)', '(1.6,)'],
  },
];

const describeWithPython = python ? describe : describe.skip;

describeWithPython('fix behaviour (python3 as the oracle)', function () {
  this.timeout(120000);

  describe('PSG101 Parameterize query: the same rows for legitimate values', () => {
    for (const scenario of sqlScenarios) {
      it(scenario.name, async () => {
        const code = `${database}def q(${scenario.params}):\n    return ${scenario.query}.fetchall()\n`;
        const { finding, output } = await fixed(code, 'PSG101');
        assert.strictEqual(finding.fix!.applicability, 'safe');
        const harness = `\nimport json\nprint(json.dumps([q(*args) for args in [${scenario.calls.join(', ')}]]))\n`;
        const [before, after] = runAll([code + harness, output + harness]);
        assert.strictEqual(after, before, `rows differ after the fix:\n${output}`);
        assert.notStrictEqual(before.trim(), '[]');
      });
    }

    it('IN (...) with a joined list: one placeholder would match nothing, so no fix', async () => {
      const code = `${database}def q(ids):\n    joined = ",".join(str(i) for i in ids)\n    return con.execute(f"SELECT id FROM items WHERE id IN ({joined}) ORDER BY id").fetchall()\n`;
      const finding = await noFix(code, 'PSG101');
      assert.match(finding.fixUnavailable ?? '', /IN \(\.\.\.\)/);
      // What the rejected rewrite would have done: one string parameter, no rows.
      const naive = `${database}def q(ids):\n    joined = ",".join(str(i) for i in ids)\n    return con.execute("SELECT id FROM items WHERE id IN (?) ORDER BY id", (joined,)).fetchall()\n`;
      const harness = '\nprint(q([1, 3]))\n';
      const [rejected, original] = runAll([naive + harness, code + harness]);
      assert.notStrictEqual(rejected, original);
    });

    it('executescript: parameters would raise TypeError, so no fix', async () => {
      const code = `${database}def q(title):\n    con.executescript(f"INSERT INTO items (title) VALUES ('{title}');")\n`;
      assert.match((await noFix(code, 'PSG101')).fixUnavailable ?? '', /executescript/);
      assert.throws(
        () => run(`${database}con.executescript("INSERT INTO items (title) VALUES (?);", ("x",))\n`),
        /TypeError/,
      );
    });

    it('a format spec: the database would get the number, not the text, so no fix', async () => {
      const code = `${database}def q(price):\n    return con.execute(f"SELECT id FROM items WHERE price = {price:.2f}").fetchall()\n`;
      assert.match((await noFix(code, 'PSG101')).fixUnavailable ?? '', /formatted/);
    });
  });

  describe('PSG102 argument list: the same arguments as the shell would split', () => {
    // subprocess is replaced by a recorder: with shell=True the command is split the way sh does (shlex).
    const recorder = dedent(`
      import json, shlex, subprocess
      calls = []
      def _record(args, *rest, shell=False, **kwargs):
          calls.append(shlex.split(args) if shell else [str(a) for a in args])
          return b""
      subprocess.run = subprocess.check_output = subprocess.call = subprocess.Popen = _record
    `);
    const scenarios = [
      {
        name: 'an f-string word',
        code: 'import subprocess\ndef f(host):\n    subprocess.run(f"ping -c 1 {host}", shell=True)\n',
        calls: ['"example.com"', '"10.0.0.1"'],
      },
      {
        name: 'concatenation',
        code: 'import subprocess\ndef f(path):\n    return subprocess.check_output("ls -l " + path, shell=True)\n',
        calls: ['"/srv/data"', '"notes.txt"'],
      },
      {
        name: 'a value alone in single quotes (spaces kept in one word)',
        code: 'import subprocess\ndef f(path):\n    subprocess.run(f"rm -f \'{path}\'", shell=True)\n',
        calls: ['"my file.txt"', '"plain"'],
      },
      {
        name: '%-formatting',
        code: 'import subprocess\ndef f(word):\n    subprocess.call("grep -n %s log.txt" % word, shell=True)\n',
        calls: ['"error"'],
      },
    ];
    for (const scenario of scenarios) {
      it(scenario.name, async () => {
        const { finding, output } = await fixed(scenario.code, 'PSG102');
        assert.strictEqual(finding.fix!.applicability, 'unsafe');
        const harness = `\n${scenario.calls.map((value) => `f(${value})`).join('\n')}\nprint(json.dumps(calls))\n`;
        const [before, after] = runAll([recorder + scenario.code + harness, recorder + output + harness]);
        assert.strictEqual(after, before);
      });
    }

    it('a joined list: the shell splits it into several arguments, so no fix', async () => {
      const code =
        'import subprocess\ndef f(dirs):\n    return subprocess.check_output("ls -d %s" % " ".join(dirs), shell=True)\n';
      assert.match((await noFix(code, 'PSG102')).fixUnavailable ?? '', /several words/);
      const harness = '\nf(["a", "b"])\nprint(json.dumps(calls))\n';
      assert.strictEqual(run(recorder + code + harness).trim(), '[["ls", "-d", "a", "b"]]');
    });
  });

  describe('PSG411 NamedTemporaryFile(delete=False): the same file content', () => {
    it('a name opened for writing and appended to', async () => {
      const code =
        'import os, tempfile\nname = tempfile.mktemp()\nwith open(name, "w") as out:\n    out.write("hello")\nwith open(name, "a") as out:\n    out.write("!")\n';
      const { output } = await fixed(code, 'PSG411');
      // Read back after the fix was computed: the reads are not part of the code the rule judged.
      const harness = '\nprint(open(name).read())\nos.remove(name)\n';
      const [before, after] = runAll([code + harness, output + harness]);
      assert.strictEqual(after, before);
      assert.strictEqual(after, 'hello!\n');
    });

    it('a Unix socket address: binding an existing file fails, so no fix', async () => {
      const code =
        'import os, socket, tempfile\ndef serve():\n    name = tempfile.mktemp()\n    s = socket.socket(socket.AF_UNIX)\n    s.bind(name)\n    s.close()\n    os.remove(name)\n';
      assert.match((await noFix(code, 'PSG411')).fixUnavailable ?? '', /socket address/);
      const naive = code.replace('tempfile.mktemp()', 'tempfile.NamedTemporaryFile(delete=False).name');
      assert.throws(() => run(`${naive}serve()\n`), /Address already in use|OSError/);
      run(`${code}serve()\n`);
    });
  });

  describe('PSG310 usedforsecurity=False: the same digest', () => {
    it('a checksum', async () => {
      const code = 'import hashlib\ndef checksum(content):\n    return hashlib.md5(content).hexdigest()\n';
      const { finding, output } = await fixed(code, 'PSG310');
      assert.strictEqual(finding.fix!.applicability, 'safe');
      const harness = '\nprint(checksum(b"some content"))\n';
      const [before, after] = runAll([code + harness, output + harness]);
      assert.strictEqual(after, before);
    });
  });

  describe('PSG720 defusedxml', () => {
    it('the title says that the fix adds the dependency', async () => {
      const { finding } = await fixed(
        'import xml.etree.ElementTree as ET\ndef load(body):\n    return ET.fromstring(body)\n',
        'PSG720',
      );
      assert.strictEqual(finding.fix!.applicability, 'unsafe');
      assert.match(finding.fix!.title, /\(adds the defusedxml dependency\)$/);
    });
  });

  describe('every fix output of the cases compiles with CPython', () => {
    for (const ruleId of ['PSG101', 'PSG102', 'PSG310', 'PSG411', 'PSG720']) {
      it(ruleId, () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { cases: suite } = require(path.join(__dirname, '..', 'rules', 'cases', `${ruleId}.ts`)) as {
          cases: RuleCases;
        };
        const sources = suite.invalid
          .filter((c) => typeof c.output === 'string')
          .map((c, i) => ({ id: `${ruleId} ${c.name ?? `#${i + 1}`}`, source: c.output as string }));
        assert.ok(sources.length > 0);
        const checker =
          'import json, sys\nfailed = []\nfor item in json.load(sys.stdin):\n    try:\n        compile(item["source"], item["id"], "exec")\n    except SyntaxError as e:\n        failed.append(f"{item[\'id\']}: {e}")\nprint(json.dumps(failed))\n';
        const result = spawnSync(python!, ['-c', checker], { input: JSON.stringify(sources), encoding: 'utf8' });
        assert.strictEqual(result.status, 0, result.stderr);
        assert.deepStrictEqual(JSON.parse(result.stdout), []);
      });
    }
  });
});
