import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileSystemModules } from '../../server/src/workspace/modules';
import { heapUsedAfterCollection } from '../support/heap';

/**
 * Where a module name leads from a file of the workspace, checked against CPython's own import system: for the same
 * folders to search, `importlib.util.find_spec` must name the same file (or none).
 */
describe('workspace modules resolve names as Python finds them', () => {
  let root: string;
  const write = (name: string, text = '') => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  };

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-resolve-')));
    write('app.py');
    write('psgone.py');
    // A package and a module of the same name side by side: Python takes the package.
    write('psgboth.py');
    write('psgboth/__init__.py');
    write('psgpkg/__init__.py');
    write('psgpkg/mod.py');
    write('psgpkg/sub/__init__.py');
    write('psgpkg/sub/deep.py');
    // A folder without __init__.py (a namespace package) holding a module.
    write('psgspace/part.py');
    write('src/psglib.py');
    write('src/psglibpkg/__init__.py');
    write('psgpkg/inner.py');
    write('psgreal.py');
    fs.symlinkSync(path.join(root, 'psgreal.py'), path.join(root, 'psglinked.py'));
    fs.symlinkSync(path.join(root, 'nowhere.py'), path.join(root, 'psgbroken.py'));
    fs.mkdirSync(path.join(root, 'psgfolderonly'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** What CPython's `find_spec` gives for each name with `sys.path` set to `folders` (the origin, or null). */
  function cpythonFinds(folders: string[], names: string[]): (string | null)[] {
    const script = [
      'import importlib, importlib.util, json, sys',
      'folders, names = json.loads(sys.argv[1])',
      'sys.path[:] = folders',
      'importlib.invalidate_caches()',
      'found = []',
      'for name in names:',
      '    try:',
      '        spec = importlib.util.find_spec(name)',
      '    except ModuleNotFoundError:',
      '        spec = None',
      '    found.append(spec.origin if spec and spec.has_location else None)',
      'print(json.dumps(found))',
    ].join('\n');
    const python = process.env.PSG_PYTHON || 'python3';
    const result = spawnSync(python, ['-S', '-c', script, JSON.stringify([folders, names])], { encoding: 'utf8' });
    assert.strictEqual(
      result.status,
      0,
      `${python} is needed as the oracle: ${result.error?.message ?? result.stderr}`,
    );
    return JSON.parse(result.stdout) as (string | null)[];
  }

  it('finds the same file as CPython for modules, packages, namespace packages, src/ and links', () => {
    const names = [
      'psgone',
      'psgboth',
      'psgpkg',
      'psgpkg.mod',
      'psgpkg.sub',
      'psgpkg.sub.deep',
      'psgpkg.missing',
      'psgspace.part',
      'psglib',
      'psglibpkg',
      'psglinked',
      'psgbroken',
      'psgfolderonly.nothing',
      'psgmissing',
    ];
    const importer = path.join(root, 'app.py');
    const expected = cpythonFinds([root, path.join(root, 'src')], names);
    const modules = new FileSystemModules([root]);
    const actual = names.map((name) => modules.resolve(name, importer) ?? null);
    assert.deepStrictEqual(
      Object.fromEntries(names.map((name, i) => [name, actual[i]])),
      Object.fromEntries(names.map((name, i) => [name, expected[i]])),
    );
    assert.ok(expected.filter(Boolean).length >= 9, 'most names are found (the oracle is not answering "none" to all)');
  });

  it('keeps no text alive by the module names it was asked about', () => {
    const modules = new FileSystemModules([root]);
    const importer = path.join(root, 'app.py');
    const before = heapUsedAfterCollection();
    for (let i = 0; i < 20; i++) {
      // Half a megabyte each, as an importer's text; the name asked about is read from it, as import lines are.
      const text = `import psgpkg.sub.deep_module_${i}\n` + 'value = other_name + 1\n'.repeat(25_000);
      const name = text.slice('import '.length, text.indexOf('\n'));
      assert.strictEqual(modules.resolve(name, importer), undefined);
    }
    const grown = heapUsedAfterCollection() - before;
    // Were the answers kept under the names as read, they would keep 20 × 0.55 MB alive.
    assert.ok(grown < 3_000_000, `the heap grew by ${(grown / 1e6).toFixed(1)} MB for 20 names`);
  });

  it('sees a module created after the first question once told the folder changed', () => {
    const modules = new FileSystemModules([root]);
    const importer = path.join(root, 'app.py');
    assert.strictEqual(modules.resolve('psglater', importer), undefined);
    write('psglater.py');
    try {
      modules.changed(path.join(root, 'psglater.py'));
      assert.strictEqual(modules.resolve('psglater', importer), path.join(root, 'psglater.py'));
    } finally {
      fs.rmSync(path.join(root, 'psglater.py'));
    }
  });
});
