import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultSettings } from '../../server/src/config/settings';
import { importCycleBlocker, modulesImportedByPathlib } from '../../server/src/fixes/python';
import type { Finding } from '../../server/src/ruleApi/types';
import { Scanner } from '../../server/src/workspace/scanner';
import { cases } from '../rules/cases/PSG401';
import { analyze, applyEdits, settingsWith, testEngine } from '../support/engine';

/** CPython is the oracle for what the fixes produce; the product itself never runs it. */
const python = (() => {
  const probe = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
})();

/** For each source, undefined when CPython compiles it, or its error (one python3 run for all). */
function compileErrors(sources: string[]): (string | undefined)[] {
  const script = [
    'import json, sys',
    'errors = []',
    'for source in json.load(sys.stdin):',
    '    try:',
    '        compile(source, "x", "exec")',
    '        errors.append(None)',
    '    except SyntaxError as error:',
    '        errors.append("%s (line %s)" % (error.msg, error.lineno))',
    'print(json.dumps(errors))',
  ].join('\n');
  const result = spawnSync('python3', ['-S', '-c', script], { input: JSON.stringify(sources), encoding: 'utf8' });
  assert.strictEqual(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as (string | null)[]).map((error) => error ?? undefined);
}

/**
 * Runs `program` (which reads BASE from the environment and defines `use(name)`) once per name,
 * each time in a fresh folder holding the base directory with a file, a symlink to it and a
 * symlink out of it, and files outside it; returns what `use` returned (or the ValueError) and
 * what the base directory then holds, with the folder's path replaced by `<root>`.
 */
function runEach(program: string, names: string[]): string[] {
  const script = [
    'import json, os, shutil, sys, tempfile',
    'program, names = json.load(sys.stdin)',
    'out = []',
    'for name in names:',
    '    root = tempfile.mkdtemp(prefix="psg401-")',
    '    try:',
    '        base = os.path.join(root, "base")',
    '        os.makedirs(os.path.join(base, "sub"))',
    '        os.makedirs(os.path.join(root, "etc"))',
    '        os.makedirs(os.path.join(root, "outside"))',
    '        for path, text in [(os.path.join(base, "inside.txt"), "inside"), (os.path.join(root, "etc", "passwd"), "passwd"), (os.path.join(root, "outside", "secret.txt"), "secret")]:',
    '            with open(path, "w") as f:',
    '                f.write(text)',
    '        os.symlink(os.path.join(base, "inside.txt"), os.path.join(base, "link.txt"))',
    '        os.symlink(os.path.join(root, "outside", "secret.txt"), os.path.join(base, "escape.txt"))',
    '        os.environ["BASE"] = base',
    '        cwd = os.getcwd()',
    '        os.chdir(root)',
    '        try:',
    '            namespace = {"__name__": "program"}',
    '            exec(compile(program, "program", "exec"), namespace)',
    '            try:',
    '                result = repr(namespace["use"](name))',
    '            except ValueError as error:',
    '                result = "ValueError: %s" % error',
    '        finally:',
    '            os.chdir(cwd)',
    '        out.append((result + " " + repr(sorted(os.listdir(base)))).replace(root, "<root>"))',
    '    finally:',
    '        shutil.rmtree(root)',
    'print(json.dumps(out))',
  ].join('\n');
  const result = spawnSync('python3', ['-S', '-c', script], {
    input: JSON.stringify([program, names]),
    encoding: 'utf8',
  });
  assert.strictEqual(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as string[];
}

async function fixed(code: string, settings?: unknown): Promise<string | undefined> {
  const { findings } = await analyze(code, settingsWith(settings));
  const fix = findings.find((f) => f.ruleId === 'PSG401')?.fix;
  return fix && applyEdits(code, fix.edits);
}

describe('PSG401 path containment fix', function () {
  this.timeout(60000);

  describe('with CPython as the oracle', () => {
    before(function () {
      if (!python) this.skip();
    });

    it('every fix of the PSG401 cases compiles, and so does every case', async () => {
      const originals = cases.invalid.map((c) => c.code);
      const fixes: { name: string; text: string }[] = [];
      for (const c of cases.invalid) {
        const after = await fixed(c.code, c.settings);
        if (after !== undefined) fixes.push({ name: c.name ?? c.code, text: after });
      }
      assert.ok(fixes.length >= 15, `only ${fixes.length} fixes checked`);
      const errors = compileErrors([...originals, ...fixes.map((f) => f.text)]);
      originals.forEach((code, i) => assert.strictEqual(errors[i], undefined, `the case does not compile:\n${code}`));
      fixes.forEach((f, i) =>
        assert.strictEqual(
          errors[originals.length + i],
          undefined,
          `the fix of "${f.name}" does not compile:\n${f.text}`,
        ),
      );
    });

    const names = [
      'inside.txt',
      'link.txt',
      'sub/../inside.txt',
      'escape.txt',
      '../etc/passwd',
      '../outside/secret.txt',
    ];
    const inside = new Set(['inside.txt', 'link.txt', 'sub/../inside.txt']);

    for (const [title, program] of [
      [
        'open(os.path.join(BASE, name)): the same file object name and content',
        'import os\nBASE = os.environ["BASE"]\ndef use(name):\n    with open(os.path.join(BASE, name)) as f:\n        return (f.name, f.read())\n',
      ],
      [
        'os.remove(f"{BASE}/{name}"): a symlink is removed, not its target',
        'import os\nBASE = os.environ["BASE"]\ndef use(name):\n    os.remove(f"{BASE}/{name}")\n    return "removed"\n',
      ],
      [
        'Path(BASE, *parts).read_text() with starred parts',
        'import os\nfrom pathlib import Path\nBASE = os.environ["BASE"]\ndef use(name):\n    parts = name.split("/")\n    return Path(BASE, *parts).read_text()\n',
      ],
      [
        'a str path used after the sink keeps its type',
        'import os\nBASE = os.environ["BASE"]\ndef use(name):\n    p = os.path.join(BASE, name)\n    data = open(p).read()\n    return p + ":" + data\n',
      ],
    ] as const) {
      it(`runs like the original inside the folder and raises ValueError outside: ${title}`, async () => {
        const after = await fixed(program);
        assert.ok(after, `no fix for:\n${program}`);
        const outcome = { before: runEach(program, names), after: runEach(after, names) };
        names.forEach((name, i) => {
          if (inside.has(name))
            assert.strictEqual(outcome.after[i], outcome.before[i], `${name} after the fix:\n${after}`);
          else {
            assert.match(outcome.after[i], /^ValueError: path escapes the base directory /, `${name} after the fix`);
            assert.doesNotMatch(outcome.before[i], /ValueError/, `${name} escapes before the fix`);
          }
        });
      });
    }

    it('the modules pathlib imports are all listed (the list is hard-coded for CPython 3.11)', function () {
      if (python !== '3.11') this.skip();
      const script =
        'import sys; a = set(sys.modules); import pathlib; print("\\n".join(sorted(set(sys.modules) - a)))';
      const result = spawnSync('python3', ['-S', '-I', '-c', script], { encoding: 'utf8' });
      const imported = result.stdout
        .split('\n')
        .filter(
          (name) => name && !name.startsWith('_') && !/\._/.test(name) && name !== 'os.path' && name !== 'pathlib',
        );
      assert.ok(imported.includes('os') && imported.includes('fnmatch'), imported.join(' '));
      for (const name of imported)
        assert.ok(modulesImportedByPathlib.has(name), `${name} is imported by pathlib but not listed`);
    });
  });

  describe('no module-level pathlib import in a module pathlib imports', () => {
    it('tells such a module by its file name', () => {
      for (const file of [
        '/usr/lib/python3.11/os.py',
        'Lib/posixpath.py',
        'Lib/re/_parser.py',
        'Lib/urllib/parse.py',
        'Lib/collections/__init__.py',
        'C:\\Python311\\Lib\\fnmatch.py',
        'lib/types.py',
      ]) {
        assert.match(importCycleBlocker('pathlib', file) ?? '', /import cycle/, file);
      }
      for (const file of [
        'app/views.py',
        'mypkg/_parser.py',
        'mypkg/parse.py',
        'osutil.py',
        'notes/os.txt',
        undefined,
      ]) {
        assert.strictEqual(importCycleBlocker('pathlib', file), undefined, String(file));
      }
      assert.strictEqual(
        importCycleBlocker('json', 'Lib/os.py'),
        undefined,
        'only the modules whose imports are known',
      );
    });

    /** The PSG401 findings of `code` saved as `file` (under a temp folder) and scanned as the CLI does: the engine hands the rule the path. */
    async function visit(code: string, file: string): Promise<Finding[]> {
      const { parser, engine } = await testEngine();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-cycle-'));
      try {
        const full = path.join(dir, file);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, code);
        const scan = new Scanner(parser, engine).scanFile(full, defaultSettings);
        assert.ok(!('skipped' in scan));
        return scan.findings.filter((f) => f.ruleId === 'PSG401');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }

    const code = 'import os\nBASE = "/srv"\ndef get(name):\n    return open(os.path.join(BASE, name)).read()\n';

    it('offers no fix in os.py, and says why', async () => {
      const [report] = await visit(code, 'lib/python3.11/os.py');
      assert.strictEqual(report.fix, undefined);
      assert.match(report.fixUnavailable ?? '', /looks like the module `os`.*import cycle/);
    });

    it('offers the fix in an ordinary module, and where pathlib is imported already', async () => {
      assert.ok((await visit(code, 'app/views.py'))[0].fix);
      assert.ok((await visit(`from pathlib import Path\n${code}`, 'lib/python3.11/os.py'))[0].fix, 'no import to add');
    });
  });
});
