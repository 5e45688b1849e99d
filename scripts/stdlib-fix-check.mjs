#!/usr/bin/env node
// The behaviour oracle for fixes: applies `scan --fix` to a copy of this machine's CPython standard
// library and runs CPython's own tests for every module that changed, against the untouched copy
// and against the fixed copy, then compares pass/fail per test module.
//
//   npm run build && node scripts/stdlib-fix-check.mjs [--unsafe-fixes] [--report docs/fixes-stdlib-check.md]
//       [--cli dist/cli.js] [--label "what the CLI was built from"] [--jobs 2] [--keep] [--test-timeout 1200]
//       [-- <more scan arguments>]
//
// Environment: PSG_UNSAFE_FIXES=1 is the same as --unsafe-fixes; PSG_PYTHON picks the interpreter
// (default python3); PSG_CLI the CLI bundle. Exit status: 0 when no test module that passes on the
// untouched copy fails on the fixed copy and every changed file compiles; 1 otherwise; 2 when the
// check itself cannot run (no python3, the scan failed, the copy's modules are not the ones imported).
//
// How the copies are used (see docs/fixes-stdlib-check.md):
// - both copies hold the standard library without site-packages, __pycache__, lib-dynload (C
//   extensions, no Python), config-* (static libraries) and the top-level `test` package;
// - tests run as `python3 -X frozen_modules=off -m test <test_x>` with PYTHONPATH=<copy>: PYTHONPATH
//   comes before the standard library on sys.path, and -X frozen_modules=off stops CPython 3.11+
//   from using its frozen copies of os, posixpath, stat, codecs, io, abc, site, runpy... so they
//   too are read from the copy. `test` is not in the copy, so the ORIGINAL test package runs,
//   importing the modules under test from the copy. Before any test runs, every changed module is
//   imported that way and its __file__ checked (the "import proof" below);
// - package-internal tests (ctypes/test, idlelib/idle_test, tkinter/test, lib2to3/tests...) stay in
//   both copies, because the test_* modules load them from there, and are not scanned (--exclude).
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const dashDash = argv.indexOf('--');
const own = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
const extraScanArgs = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
const option = (name, fallback) => {
  const i = own.indexOf(name);
  return i >= 0 ? own[i + 1] : fallback;
};
const unsafe = own.includes('--unsafe-fixes') || process.env.PSG_UNSAFE_FIXES === '1';
const keep = own.includes('--keep');
const reportFile = option('--report');
const cli = path.resolve(option('--cli', process.env.PSG_CLI || path.join(root, 'dist', 'cli.js')));
const jobs = Number(option('--jobs', String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length))));
const testTimeout = Number(option('--test-timeout', '1200'));
const pythonCommand = process.env.PSG_PYTHON || 'python3';
const started = Date.now();
const log = (s) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

function fatal(message) {
  console.error(`stdlib-fix-check: ${message}`);
  process.exit(2);
}

// ---- the interpreter and its standard library -------------------------------------------------
const probe = spawnSync(
  pythonCommand,
  [
    '-c',
    'import sys, sysconfig, platform; print(sys.executable); print(sysconfig.get_paths()["stdlib"]); print(platform.python_version())',
  ],
  { encoding: 'utf8' },
);
if (probe.error || probe.status !== 0) fatal(`${pythonCommand} is not usable: ${probe.error?.message ?? probe.stderr}`);
const [python, stdlib, pythonVersion] = probe.stdout.trim().split('\n');
if (
  !fs.existsSync(path.join(stdlib, 'test', 'regrtest.py')) &&
  !fs.existsSync(path.join(stdlib, 'test', '__main__.py'))
)
  fatal(`${stdlib}/test is missing: this check needs CPython's test package`);
if (!fs.existsSync(cli)) fatal(`${cli} does not exist: run npm run build first`);
const pythonFlags = ['-X', 'frozen_modules=off'];
// setuptools' distutils-precedence.pth would otherwise hand `import distutils` to setuptools/_distutils.
const pythonEnv = (copy) => ({ ...process.env, PYTHONPATH: copy, SETUPTOOLS_USE_DISTUTILS: 'stdlib' });

// ---- two copies ----------------------------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-stdlib-'));
const untouched = path.join(tmp, 'untouched');
const fixed = path.join(tmp, 'fixed');
const leftOut = (rel) => {
  const parts = rel.split(path.sep);
  if (parts.includes('__pycache__')) return true;
  return (
    parts.length >= 1 &&
    (parts[0] === 'site-packages' ||
      parts[0] === 'test' ||
      parts[0] === 'lib-dynload' ||
      parts[0].startsWith('config-'))
  );
};
log(`copying ${stdlib} (without site-packages, __pycache__, lib-dynload, config-*, test) to ${tmp}`);
for (const dest of [untouched, fixed]) {
  fs.cpSync(stdlib, dest, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => !leftOut(path.relative(stdlib, src)),
  });
}

// ---- the fixes ---------------------------------------------------------------------------------
const scanArgs = ['--no-cache', '--exclude', '**/test/**', '**/tests/**', '**/idle_test/**', ...extraScanArgs];
const fixArgs = ['--fix', ...(unsafe ? ['--unsafe-fixes'] : [])];
log('listing the fixes the scan offers (JSON scan of the untouched copy)');
const listing = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', ...scanArgs], {
  cwd: untouched,
  encoding: 'utf8',
  maxBuffer: 512 * 1024 * 1024,
});
if (listing.status === 2 || listing.error)
  fatal(`the listing scan failed: ${listing.error?.message ?? listing.stderr}`);
const offered = new Map(); // file -> [`PSG401 line 12 (unsafe, low)`]
for (const f of JSON.parse(listing.stdout).findings) {
  if (!f.fix) continue;
  const entry = `${f.ruleId}:${f.line} (${f.fix.applicability ?? 'safe'}, ${f.confidence})`;
  offered.set(f.file, [...(offered.get(f.file) ?? []), entry]);
}
const command = `node ${path.relative(root, cli)} scan <copy> ${fixArgs.join(' ')} ${scanArgs.join(' ')}`;
log(`applying: ${command}`);
const fixRun = spawnSync(process.execPath, [cli, 'scan', '.', ...fixArgs, ...scanArgs], {
  cwd: fixed,
  encoding: 'utf8',
  maxBuffer: 512 * 1024 * 1024,
});
if (fixRun.status === 2 || fixRun.error)
  fatal(`scan --fix failed (status ${fixRun.status}): ${fixRun.error?.message ?? fixRun.stderr}`);
fs.writeFileSync(path.join(tmp, 'scan-fix.txt'), fixRun.stdout);

const diff = spawnSync('diff', ['-rq', untouched, fixed], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (diff.status === 2) fatal(`diff failed: ${diff.stderr}`);
const changed = [];
const otherDifferences = [];
for (const line of diff.stdout.split('\n').filter(Boolean)) {
  const m = /^Files (.+) and (.+) differ$/.exec(line);
  if (m && m[1].endsWith('.py')) changed.push(path.relative(untouched, m[1]));
  else otherDifferences.push(line);
}
changed.sort();
log(
  `${changed.length} files changed${otherDifferences.length ? `, ${otherDifferences.length} other differences` : ''}`,
);

// ---- does CPython compile them? ----------------------------------------------------------------
function compileAll(inputs) {
  const result = spawnSync(python, [path.join(root, 'test', 'support', 'cpython_compile.py')], {
    input: JSON.stringify(inputs),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) fatal(`compiling failed: ${result.stderr}`);
  return new Map(JSON.parse(result.stdout).failures.map((f) => [f.id, f]));
}
const compileFailures = compileAll(
  changed.flatMap((rel) => [
    { id: `untouched/${rel}`, source: fs.readFileSync(path.join(untouched, rel), 'utf8') },
    { id: `fixed/${rel}`, source: fs.readFileSync(path.join(fixed, rel), 'utf8') },
  ]),
);
const doesNotCompile = changed.filter(
  (rel) => compileFailures.has(`fixed/${rel}`) && !compileFailures.has(`untouched/${rel}`),
);

// ---- which tests cover them --------------------------------------------------------------------
const testDir = path.join(stdlib, 'test');
const testExists = (name) =>
  fs.existsSync(path.join(testDir, `${name}.py`)) || fs.existsSync(path.join(testDir, name, '__init__.py'));
/** Test modules whose names do not follow test_<module> or test_<package>. */
const aliases = {
  'http.server': ['test_httpservers'],
  'http.client': ['test_httplib'],
  'http.cookiejar': ['test_http_cookiejar'],
  'http.cookies': ['test_http_cookies'],
  'urllib.request': ['test_urllib', 'test_urllib2', 'test_urllib2_localnet'],
  'urllib.parse': ['test_urlparse'],
  'urllib.robotparser': ['test_robotparser'],
  'urllib.response': ['test_urllib_response'],
  'xml.etree.ElementTree': ['test_xml_etree', 'test_xml_etree_c'],
  'xml.etree.ElementInclude': ['test_xml_etree'],
  'xml.dom.minidom': ['test_minidom'],
  'xml.dom.pulldom': ['test_pulldom'],
  'xml.sax': ['test_sax'],
  'xmlrpc.server': ['test_xmlrpc', 'test_docxmlrpc'],
  'xmlrpc.client': ['test_xmlrpc'],
  idlelib: ['test_idle'],
  'tkinter.ttk': ['test_ttk'],
  encodings: ['test_codecs'],
  multiprocessing: [
    'test_multiprocessing_fork',
    'test_multiprocessing_spawn',
    'test_multiprocessing_forkserver',
    'test_multiprocessing_main_handling',
    'test_concurrent_futures',
  ],
  'concurrent.futures': ['test_concurrent_futures'],
  lib2to3: ['test_lib2to3'],
  distutils: ['test_distutils'],
  logging: ['test_logging'],
  email: ['test_email'],
  importlib: ['test_importlib'],
  json: ['test_json'],
  sqlite3: ['test_sqlite3'],
  ctypes: ['test_ctypes'],
  unittest: ['test_unittest'],
  asyncio: ['test_asyncio'],
  pydoc_data: ['test_pydoc'],
  os: ['test_os'],
  _pyio: ['test_io', 'test_memoryio', 'test_file', 'test_fileio'],
  _pydecimal: ['test_decimal'],
  _strptime: ['test_strptime'],
  py_compile: ['test_py_compile'],
  sre_compile: ['test_re'],
  re: ['test_re'],
  ssl: ['test_ssl'],
};
function moduleName(rel) {
  const parts = rel.replace(/\.py$/, '').split(path.sep);
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.join('.');
}
function testsFor(module) {
  const parts = module.split('.');
  const candidates = new Set();
  for (let i = parts.length; i > 0; i--) {
    const prefix = parts.slice(0, i).join('.');
    for (const alias of aliases[prefix] ?? []) candidates.add(alias);
  }
  candidates.add(`test_${parts[parts.length - 1]}`);
  candidates.add(`test_${parts.join('_')}`);
  candidates.add(`test_${parts[0]}`);
  return [...candidates].filter((name) => name !== 'test_' && testExists(name));
}
const modules = changed.map((rel) => ({ rel, module: moduleName(rel), tests: testsFor(moduleName(rel)) }));
const testModules = [...new Set(modules.flatMap((m) => m.tests))].sort();
const untested = modules.filter((m) => !m.tests.length).map((m) => m.module);

// ---- prove which files are imported ------------------------------------------------------------
const proofScript = `
import importlib, json, os, sys
copy, stdlib, names = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
def under(f, d):
    return f is not None and os.path.realpath(f).startswith(os.path.realpath(d) + os.sep)
result = {"imported": {}, "failed": {}}
for name in names:
    try:
        module = importlib.import_module(name)
        result["imported"][name] = getattr(module, "__file__", None)
    except BaseException as error:
        result["failed"][name] = type(error).__name__ + ": " + str(error)[:200]
import test.support
result["test"] = test.__file__
result["from_original"] = sorted(n for n, m in list(sys.modules.items()) if under(getattr(m, "__file__", None), stdlib) and not under(m.__file__, os.path.join(stdlib, "test")) and not under(m.__file__, os.path.join(stdlib, "site-packages")) and not under(m.__file__, os.path.join(stdlib, "lib-dynload")))
result["frozen"] = sorted(n for n, m in list(sys.modules.items()) if getattr(getattr(m, "__spec__", None), "origin", None) == "frozen")
result["sys_path"] = sys.path[:4]
print(json.dumps(result))
`;
// Entry points and modules that act when imported (antigravity opens a browser) are not imported.
const importable = (name) =>
  !/(^|\.)__main__$/.test(name) &&
  !['antigravity', 'this'].includes(name) &&
  !name.startsWith('turtledemo') &&
  !name.startsWith('idlelib');
const proofModules = [
  ...new Set(['os', 'posixpath', 'shutil', 'site', 'codecs', ...modules.map((m) => m.module).filter(importable)]),
];
const proofs = {};
for (const [label, copy] of [
  ['untouched', untouched],
  ['fixed', fixed],
]) {
  const r = spawnSync(python, [...pythonFlags, '-c', proofScript, copy, stdlib, JSON.stringify(proofModules)], {
    cwd: tmp,
    encoding: 'utf8',
    env: pythonEnv(copy),
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
    input: '',
  });
  if (r.status !== 0) fatal(`the import proof failed on the ${label} copy: ${r.stderr}`);
  const proof = JSON.parse(r.stdout.trim().split('\n').pop());
  const wrong = Object.entries(proof.imported).filter(
    ([, file]) => file && !path.resolve(file).startsWith(copy + path.sep),
  );
  proof.wrong = wrong;
  proofs[label] = proof;
  // zipimport is loaded while the interpreter starts, before PYTHONPATH is on sys.path: harmless
  // unless a fix changed it, so only the changed modules (and the ones checked above) must come from the copy.
  const changedFromOriginal = proof.from_original.filter((n) => modules.some((m) => m.module === n));
  if (wrong.length || changedFromOriginal.length)
    fatal(
      `on the ${label} copy these modules come from the original standard library: ${[...wrong.map(([n]) => n), ...changedFromOriginal].join(', ')}`,
    );
  if (!path.resolve(proof.test).startsWith(testDir + path.sep))
    fatal(`the test package is not the original one: ${proof.test}`);
}
log(
  `import proof: ${Object.keys(proofs.fixed.imported).length} modules imported from the copies (os from ${proofs.fixed.imported.os}), ${Object.keys(proofs.fixed.failed).length} cannot be imported here; test package from ${proofs.fixed.test}`,
);

// ---- run the tests against both copies ---------------------------------------------------------
// `python -m test`, except for one thing: test.support.load_package_tests() discovers a package's
// tests with STDLIB_DIR (the original standard library) as the top-level folder, which fails for
// the packages whose own tests live in the copy (lib2to3/tests, ctypes/test, tkinter/test,
// unittest/test...). The runner gives it the copy as top-level folder for those and the original
// for the test packages of the original test/ (test_email, test_asyncio...).
const runner = `
import os, sys
copy = sys.argv.pop(1)
sys.argv[0] = "-m test"
import test.support as support
original_stdlib_dir = support.STDLIB_DIR
original_load_package_tests = support.load_package_tests
def load_package_tests(pkg_dir, *args):
    in_copy = os.path.realpath(pkg_dir).startswith(os.path.realpath(copy) + os.sep)
    support.STDLIB_DIR = copy if in_copy else original_stdlib_dir
    try:
        return original_load_package_tests(pkg_dir, *args)
    finally:
        support.STDLIB_DIR = original_stdlib_dir
support.load_package_tests = load_package_tests
from test.libregrtest.main import main
main()
`;
function runTest(test, copy, label) {
  const work = fs.mkdtempSync(path.join(tmp, `run-${label}-${test}-`));
  const logFile = path.join(tmp, `${label}-${test}.log`);
  return new Promise((resolve) => {
    const child = spawn(python, [...pythonFlags, '-c', runner, copy, '--timeout', String(testTimeout), test], {
      cwd: work,
      env: { ...pythonEnv(copy), TMPDIR: work },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), (testTimeout + 120) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      fs.writeFileSync(logFile, out);
      fs.rmSync(work, { recursive: true, force: true });
      const result = /Result: ([A-Z ,]+)/.exec(out)?.[1]?.trim() ?? (signal ? `KILLED (${signal})` : `EXIT ${code}`);
      const skipped = /^\d+ tests? skipped/m.test(out) && !/^(\d+ tests?|All \d+ tests) OK/m.test(out);
      const status =
        code === 0 ? (skipped ? 'SKIPPED' : 'PASS') : result.includes('NO TESTS RAN') ? 'NO TESTS' : 'FAIL';
      const failing = [
        ...[...out.matchAll(/^(?:FAIL|ERROR): (\S+) \(([^)]+)\)/gm)].map((m) => m[2].replace(/^test\./, '')),
        // a single failure is printed as a traceback: the test method's frame names it
        ...[...out.matchAll(/File "[^"]*\/(?:test|tests|idle_test)\/([\w/]+)\.py", line \d+, in (test\w*)/g)].map(
          (m) => `${m[1].replace(/\//g, '.')}.${m[2]}`,
        ),
        ...[...out.matchAll(/^(\w+(?:Error|Exception): .{0,160})$/gm)].map((m) => m[1]),
      ];
      const counts = /Total tests: run=([\d,]+)/.exec(out)?.[1] ?? /Ran (\d+) tests?/.exec(out)?.[1];
      resolve({
        status,
        result,
        code,
        failing: [...new Set(failing)],
        ran: counts ? Number(counts.replace(/,/g, '')) : undefined,
        logFile,
      });
    });
  });
}

async function pool(tasks, width) {
  const results = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, width) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

log(`running ${testModules.length} test modules against both copies (${jobs} at a time)`);
const tasks = testModules.flatMap((test) => [
  async () => ({ test, label: 'untouched', ...(await runTest(test, untouched, 'untouched')) }),
  async () => {
    const r = await runTest(test, fixed, 'fixed');
    log(`${test}: fixed ${r.status}`);
    return { test, label: 'fixed', ...r };
  },
]);
const runs = await pool(tasks, jobs);
const byTest = new Map(testModules.map((t) => [t, {}]));
for (const r of runs) byTest.get(r.test)[r.label] = r;
// A module that fails only on the fixed copy is run again once, to tell a regression from a flaky test.
for (const [test, r] of byTest) {
  if (r.untouched.status === 'PASS' && r.fixed.status === 'FAIL') {
    log(`${test}: failed on the fixed copy only, running it again`);
    const again = await runTest(test, fixed, 'fixed-again');
    r.fixedAgain = again;
  }
}
const regressions = [...byTest]
  .filter(([, r]) => r.untouched.status === 'PASS' && r.fixed.status === 'FAIL' && r.fixedAgain?.status !== 'PASS')
  .map(([test]) => test);
const flaky = [...byTest].filter(([, r]) => r.fixedAgain?.status === 'PASS').map(([test]) => test);
const passBefore = [...byTest.values()].filter((r) => r.untouched.status === 'PASS').length;
const passAfter = [...byTest.values()].filter(
  (r) => r.fixed.status === 'PASS' || r.fixedAgain?.status === 'PASS',
).length;

// ---- report ------------------------------------------------------------------------------------
const gitHead = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
const lines = [];
const out = (s = '') => lines.push(s);
out(
  `Command: \`node scripts/stdlib-fix-check.mjs${unsafe ? ' --unsafe-fixes' : ''}${extraScanArgs.length ? ` -- ${extraScanArgs.join(' ')}` : ''}\` (CLI ${option('--label', `${path.relative(root, cli) || cli}, repository at ${gitHead}`)}), Python ${pythonVersion} (${python}), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - started) / 60000).toFixed(1)} min.`,
);
out();
out(`Fixes applied with: \`${command}\``);
out();
out(
  '| changed modules | compiled OK | modules without a test | test modules run | passing before (untouched copy) | passing after (fixed copy) | regressions | compile failures |',
);
out('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
out(
  `| ${changed.length} | ${changed.length - doesNotCompile.length} | ${untested.length} | ${testModules.length} | ${passBefore} | ${passAfter} | ${regressions.length} | ${doesNotCompile.length} |`,
);
out();
out(
  `Import proof: with \`SETUPTOOLS_USE_DISTUTILS=stdlib PYTHONPATH=<copy> ${path.basename(python)} ${pythonFlags.join(' ')}\`, ${Object.keys(proofs.fixed.imported).length} of ${proofModules.length} modules checked import from the copy (\`os\` → \`${path.relative(tmp, proofs.fixed.imported.os ?? '')}\`), ${proofs.fixed.from_original.length ? `only ${proofs.fixed.from_original.join(', ')} from the original standard library (loaded while the interpreter starts)` : 'none from the original standard library'}, the \`test\` package from \`${proofs.fixed.test}\`; ${Object.keys(proofs.fixed.failed).length} cannot be imported on this machine${
    Object.keys(proofs.fixed.failed).length
      ? ` (${Object.entries(proofs.fixed.failed)
          .map(([n, e]) => `${n}: ${e.split(':')[0]}`)
          .join(', ')})`
      : ''
  }.`,
);
out();
out(
  '| changed module | fixes offered in it (rule:line, applicability, confidence) | compiles | test modules | before | after |',
);
out('| --- | --- | --- | --- | --- | --- |');
for (const m of modules) {
  const failure = compileFailures.get(`fixed/${m.rel}`);
  const compiles = failure
    ? compileFailures.has(`untouched/${m.rel}`)
      ? 'original does not either'
      : `**no**: ${failure.type}: ${failure.message} (line ${failure.line})`
    : 'yes';
  const status = (label) => m.tests.map((t) => byTest.get(t)[label]?.status ?? '').join(', ') || '—';
  out(
    `| ${m.module} | ${(offered.get(m.rel) ?? []).join(', ') || '?'} | ${compiles} | ${m.tests.join(', ') || 'none'} | ${status('untouched')} | ${status('fixed')} |`,
  );
}
out();
if (regressions.length) {
  out('Regressions (pass on the untouched copy, fail on the fixed copy, twice):');
  out();
  for (const test of regressions) {
    const r = byTest.get(test);
    out(
      `- ${test}: ${r.fixed.result}; failing: ${r.fixed.failing.slice(0, 12).join(', ') || '(see the log)'}${r.fixed.failing.length > 12 ? ` and ${r.fixed.failing.length - 12} more` : ''}`,
    );
  }
  out();
}
if (flaky.length)
  out(`Failed once on the fixed copy and passed when run again (flaky, not counted): ${flaky.join(', ')}.\n`);
const failingBefore = [...byTest].filter(([, r]) => r.untouched.status !== 'PASS');
if (failingBefore.length)
  out(
    `Not passing on the untouched copy already (not comparable): ${failingBefore.map(([t, r]) => `${t} (${r.untouched.status}${r.untouched.failing.length ? `: ${r.untouched.failing.slice(0, 3).join(', ')}` : ''})`).join('; ')}.\n`,
  );
if (doesNotCompile.length) {
  out('Fixed files CPython does not compile:');
  out();
  for (const rel of doesNotCompile) {
    const f = compileFailures.get(`fixed/${rel}`);
    const text = fs.readFileSync(path.join(fixed, rel), 'utf8').split('\n');
    out(`- ${rel} line ${f.line}: ${f.type}: ${f.message}`);
    out('');
    out('  ```python');
    for (let n = Math.max(1, f.line - 2); n <= Math.min(text.length, f.line + 1); n++) out(`  ${text[n - 1]}`);
    out('  ```');
  }
  out();
}
if (untested.length) out(`Changed modules no test module was found for: ${untested.join(', ')}.\n`);
if (otherDifferences.length)
  out(`Other differences between the copies: ${otherDifferences.slice(0, 10).join('; ')}.\n`);
const summary = lines.join('\n');
console.log(summary);
if (reportFile) {
  const target = path.resolve(reportFile);
  const existing = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  const begin = `<!-- stdlib-fix-check ${unsafe ? 'unsafe' : 'safe'} begin -->`;
  const end = `<!-- stdlib-fix-check ${unsafe ? 'unsafe' : 'safe'} end -->`;
  const block = `${begin}\n${summary}\n${end}`;
  const re = new RegExp(`${begin}[\\s\\S]*?${end}`);
  fs.writeFileSync(
    target,
    re.test(existing)
      ? existing.replace(re, block)
      : `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}\n${block}\n`,
  );
  log(`report written to ${reportFile}`);
}
if (keep) log(`copies and logs kept in ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
process.exitCode = regressions.length || doesNotCompile.length ? 1 : 0;
