import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scan } from '../../server/src/cli/main';
import { defaultSettings, editorOverrides, mergeSettings } from '../../server/src/config/settings';
import { applyEdits } from '../../server/src/core/text';
import { FileEngine } from '../../server/src/engine/fileEngine';
import { compactRecords, databaseFromCompact } from '../../server/src/packaging/advisories';
import { loadAdvisories } from '../../server/src/packaging/advisoryFiles';
import { manifestKind, readManifest } from '../../server/src/packaging/manifests';
import {
  clausesOf,
  compareVersions,
  exactPin,
  lowestAllowed,
  normalizeName,
  satisfies,
} from '../../server/src/packaging/versions';
import { knownVulnerabilities } from '../../server/src/rules/dependencies/knownVulnerabilities';
import { checklistStatus, describeStatus } from '../../server/src/shared/checklist/status';
import { checklist } from '../../server/src/shared/checklistItems';
import type { Log } from 'sarif';
import type { WorkspaceSummary } from '../../server/src/shared/workspaceSummary';
import { DEFAULT_MAX_FILE_BYTES } from '../../server/src/workspace/files';
import picomatch from 'picomatch';
import { auditedManifestGlob, manifestGlob } from '../../server/src/shared/filePatterns';
import { shippedAdvisoryFile, useNodeAdvisories } from '../../server/src/workspace/nodeFileAccess';

// The analysis reads the shipped advisory data through Node here, as the server and the CLI do.
useNodeAdvisories();

const engine = new FileEngine([knownVulnerabilities]);
const findings = (file: string, text: string, settings = defaultSettings) => {
  const result = engine.analyze(file, text, settings);
  assert.deepStrictEqual(result.ruleErrors, []);
  return result.findings;
};

describe('dependency audit: PEP 440 versions and PEP 503 names', () => {
  it('orders versions as PEP 440 says', () => {
    // The order PEP 440's "Summary of permitted suffixes and relative ordering" gives.
    const ordered = [
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.1.dev1',
      '2.0',
      '1!0.1',
    ];
    for (let i = 0; i + 1 < ordered.length; i++)
      assert.strictEqual(compareVersions(ordered[i], ordered[i + 1]), -1, `${ordered[i]} < ${ordered[i + 1]}`);
  });

  it('compares normalised spellings as equal', () => {
    for (const [a, b] of [
      ['1.0', '1.0.0'],
      ['1.0alpha1', '1.0a1'],
      ['1.0-rc1', '1.0rc1'],
      ['1.0-1', '1.0.post1'],
      ['0!1.0', '1.0'],
      ['v1.0', '1.0'],
    ])
      assert.strictEqual(compareVersions(a, b), 0, `${a} == ${b}`);
  });

  it('normalises names (PEP 503)', () => {
    assert.strictEqual(normalizeName('Jinja2'), 'jinja2');
    assert.strictEqual(normalizeName('zope.interface'), 'zope-interface');
    assert.strictEqual(normalizeName('Foo__Bar-.baz'), 'foo-bar-baz');
  });

  it('reads exact pins and lowest allowed versions', () => {
    const lowest = (spec: string) => {
      const found = lowestAllowed(spec, clausesOf(spec)!);
      return found && `${found.exclusive ? '>' : ''}${found.version} ${found.matched}`;
    };
    const pin = (spec: string) => exactPin(clausesOf(spec)!)?.version;
    assert.strictEqual(pin('==1.2.3'), '1.2.3');
    assert.strictEqual(pin('===1.2.3'), '1.2.3');
    assert.strictEqual(pin('==1.2.*'), undefined);
    assert.strictEqual(pin('>=1.2'), undefined);
    assert.strictEqual(lowest('>=1.2,<2'), '1.2 1.2');
    assert.strictEqual(lowest('~=1.4.2'), '1.4.2 1.4.2');
    assert.strictEqual(lowest('==1.2.*'), '1.2 1.2');
    assert.strictEqual(lowest('>=1.0,>=1.5'), '1.5 1.5');
    assert.strictEqual(lowest('>=1.0,!=1.5,<2'), '1.0 1.0');
    assert.strictEqual(lowest('>1.2'), '>1.2 1.2.0.0.0.1.dev0', 'the versions just above an exclusive bound');
    assert.strictEqual(lowest('> 1.2 , < 2'), '>1.2 1.2.0.0.0.1.dev0');
    assert.strictEqual(lowest('>=1.2,>1.2'), '>1.2 1.2.0.0.0.1.dev0', 'at the same version the exclusive bound wins');
    assert.strictEqual(lowest('>1!2.0'), '>1!2.0 1!2.0.0.0.0.1.dev0', 'the epoch is kept');
    assert.strictEqual(lowest('>=1.0,!=1.0'), '>1.0 1.0.0.0.0.1.dev0', 'the bound itself is excluded');
    assert.strictEqual(lowest('>=1.0,!=1.0.*'), undefined, 'nothing just above the bound is admitted');
    assert.strictEqual(lowest('>=2,<1'), undefined, 'nothing is admitted');
    assert.strictEqual(lowest('>1.0rc1'), undefined, 'an exclusive pre-release bound is not matched');
    assert.strictEqual(lowest('<2'), undefined, 'no lower bound');
    assert.strictEqual(lowest('!=1.0'), undefined, 'no lower bound');
    assert.strictEqual(clausesOf('>=1.0,,<2'), undefined);
    assert.deepStrictEqual(
      clausesOf('>=1.0, > 2')!.map((c) => [c.operatorAt, c.at]),
      [
        [0, 2],
        [7, 9],
      ],
    );
    assert.ok(satisfies('1.0rc1', '>=0.9'), 'a given pre-release is asked about as it is');
    assert.ok(!satisfies('1.0.post1', '>1.0'), 'PEP 440: >V excludes the post-releases of V');
    assert.ok(satisfies('1.0+local', '==1.0'), 'PEP 440: ==V matches V with a local label');
  });
});

/** An OSV record for the tests. */
const record = (id: string, affected: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  aliases: [`CVE-${id}`],
  summary: `summary of ${id}`,
  modified: '2024-05-01T00:00:00Z',
  affected,
  ...extra,
});
const pypi = (name: string, events: Record<string, string>[], versions: string[] = []) => ({
  package: { ecosystem: 'PyPI', name },
  ranges: [{ type: 'ECOSYSTEM', events }],
  versions,
});

describe('dependency audit: advisories', () => {
  const { data, stats } = compactRecords(
    [
      record('A-1', [pypi('Demo_Pkg', [{ introduced: '0' }, { fixed: '2.0' }])]),
      record('A-2', [pypi('demo-pkg', [{ introduced: '2.0' }, { fixed: '2.1' }])]),
      record('A-3', [pypi('demo.pkg', [{ introduced: '3.0' }, { last_affected: '3.2' }])]),
      record('A-4', [pypi('demo-pkg', [{ introduced: '0' }, { fixed: '1.0' }])], { withdrawn: '2024-01-01T00:00:00Z' }),
      record('A-5', [{ package: { ecosystem: 'npm', name: 'demo-pkg' }, ranges: [{ type: 'SEMVER', events: [] }] }]),
      // Events out of order and a listed version the ranges do not cover.
      record('A-6', [pypi('other', [{ fixed: '1.5' }, { introduced: '1.0' }], ['0.9', '1.2', 'weird-version'])]),
      record('A-8', [pypi('pre', [{ introduced: '0' }, { fixed: '2.0rc1' }, { introduced: '2.1' }, { fixed: '2.2' }])]),
      record('A-9', [pypi('pre', [{ introduced: '0' }, { fixed: '2.0rc2' }])]),
      record('A-7', [
        { package: { ecosystem: 'PyPI', name: 'other' }, ranges: [{ type: 'GIT', events: [{ introduced: 'abc' }] }] },
      ]),
    ],
    { source: 'test', license: 'test', date: '2024-06-01' },
  );
  const db = databaseFromCompact(data, 'test');
  const ids = (name: string, version: string) => db.affecting(name, version).map((a) => a.id);

  it('leaves out withdrawn advisories, other ecosystems and non-ECOSYSTEM ranges', () => {
    assert.strictEqual(stats.withdrawn, 1);
    assert.deepStrictEqual(
      data.advisories.map(([id]) => id),
      ['A-1', 'A-2', 'A-3', 'A-6', 'A-8', 'A-9'],
    );
    assert.deepStrictEqual(ids('demo-pkg', '0.5'), ['A-1'], 'A-4 is withdrawn');
  });

  it('matches by PEP 503 name and PEP 440 version: pre-, post- and local versions, epochs, last_affected', () => {
    assert.deepStrictEqual(ids('DEMO_PKG', '1.9'), ['A-1']);
    assert.deepStrictEqual(ids('demo-pkg', '2.0rc1'), ['A-1'], 'a pre-release of the fix comes before it');
    assert.deepStrictEqual(ids('demo-pkg', '2.0.dev1'), ['A-1']);
    assert.deepStrictEqual(ids('demo-pkg', '2.0'), ['A-2']);
    assert.deepStrictEqual(ids('demo-pkg', '2.0.post1'), ['A-2']);
    assert.deepStrictEqual(ids('demo-pkg', '1.9+local'), ['A-1'], 'a local label does not reach the fix');
    assert.deepStrictEqual(ids('demo-pkg', '2.1'), []);
    assert.deepStrictEqual(ids('demo-pkg', '1!1.0'), [], 'epoch 1 sorts after every epoch-0 range');
    assert.deepStrictEqual(ids('demo-pkg', '3.2'), ['A-3'], 'last_affected is affected');
    assert.deepStrictEqual(ids('demo-pkg', '3.2.post1'), []);
    assert.deepStrictEqual(ids('demo-pkg', '3.2.1'), []);
  });

  it('sorts range events and keeps listed versions outside the ranges', () => {
    assert.deepStrictEqual(data.packages.other, [[3, [['i:1.0', 'f:1.5']], ['0.9', 'weird-version']]]);
    assert.deepStrictEqual(ids('other', '1.2'), ['A-6']);
    assert.deepStrictEqual(ids('other', '0.9'), ['A-6'], 'listed, though outside the range');
    assert.deepStrictEqual(ids('other', 'weird-version'), ['A-6'], 'not PEP 440: matched as listed');
    assert.deepStrictEqual(ids('other', '0.8'), []);
  });

  it('finds the lowest fixed version that no other advisory affects', () => {
    // 2.0 fixes A-1 but is inside A-2: the next fix, 2.1, is outside both.
    assert.strictEqual(db.lowestSafe('demo-pkg', '1.0'), '2.1');
    assert.strictEqual(db.affecting('demo-pkg', '1.0')[0].fixed.join(), '2.0');
    // Nothing fixes A-3 (last_affected only): no safe version above 3.0 is known.
    assert.strictEqual(db.lowestSafe('demo-pkg', '3.0'), undefined);
    // Only pre-releases fix A-8 and A-9 (and 2.0rc1 is inside A-9): a release pin is raised to the
    // next release outside both, a pre-release pin to the pre-release that fixes both.
    assert.strictEqual(db.lowestSafe('pre', '1.0'), '2.2');
    assert.strictEqual(db.lowestSafe('pre', '2.0b1'), '2.0rc2');
  });

  it('ships the PyPA data of 2024-10-10, withdrawn advisories left out', () => {
    const { database, problem } = loadAdvisories();
    assert.strictEqual(problem, undefined);
    assert.strictEqual(database?.date, '2024-10-10');
    assert.strictEqual(database?.count, 2651); // 2,661 in the snapshot, 10 of them withdrawn
    assert.ok(
      fs.existsSync(path.join(path.dirname(shippedAdvisoryFile()), 'NOTICE.md')),
      'the CC-BY-4.0 notice ships with it',
    );
  });
});

describe('dependency audit: manifests', () => {
  it('the editor opens and watches every kind of manifest the audit reads', () => {
    const opened = picomatch([`**/${manifestGlob}`, `**/${auditedManifestGlob}`], { dot: true });
    const names = [
      'requirements.txt',
      'requirements-dev.in',
      'dev-requirements.txt',
      'test_requirements.txt',
      'constraints.txt',
      'requirements/base.txt',
      'requirements/dev.in',
      'pyproject.toml',
      'setup.cfg',
      'Pipfile',
      'Pipfile.lock',
      'poetry.lock',
      'uv.lock',
      'pylock.toml',
      'pylock.dev.toml',
    ];
    for (const name of names) {
      assert.ok(manifestKind(`/project/${name}`), `${name} is a manifest`);
      assert.ok(opened(`project/${name}`), `the client opens ${name}`);
    }
    assert.ok(!opened('project/setup.py') && !opened('project/notes.txt'));
  });

  const deps = (file: string, text: string) => {
    const manifest = readManifest(file, text)!;
    return {
      deps: manifest.dependencies.map((d) => `${d.name} ${d.locked ? `@${d.locked}` : d.specifier}`),
      problems: manifest.problems.map((p) => p.message),
    };
  };

  it('knows manifests by name, and requirements/ files by folder', () => {
    assert.strictEqual(manifestKind('/w/requirements-dev.txt'), 'requirements');
    assert.strictEqual(manifestKind('/w/requirements.in'), 'requirements');
    assert.strictEqual(manifestKind('/w/requirements/prod.txt'), 'requirements');
    assert.strictEqual(manifestKind('C:\\w\\requirements\\base.in'), 'requirements');
    assert.strictEqual(manifestKind('/w/docs/base.txt'), undefined);
    assert.strictEqual(manifestKind('/w/pylock.dev.toml'), 'pylock.toml');
    assert.strictEqual(manifestKind('/w/README.txt'), undefined);
  });

  it('requirements: options, includes, URLs, continuation lines, markers and environment variables', () => {
    const text = [
      '-r requirements/base.txt',
      '-c constraints.txt',
      '--extra-index-url https://example.com/simple',
      'Flask[async]==2.2.4 ; python_version >= "3.8"',
      'django>=3.2,\\',
      '    <4',
      'git+https://github.com/org/repo.git#egg=repo',
      'pkg @ https://example.com/pkg.whl',
      '${PRIVATE_PACKAGE}',
      'requests (>=2.25)',
      'numpy   # no version',
      '',
    ].join('\n');
    assert.deepStrictEqual(deps('requirements.txt', text), {
      deps: ['Flask ==2.2.4', 'django >=3.2,    <4', 'requests >=2.25', 'numpy '],
      problems: [],
    });
  });

  it('lock files: only packages from an index', () => {
    const poetry =
      '[[package]]\nname = "a"\nversion = "1.0"\n\n[[package]]\nname = "b"\nversion = "2.0"\n\n[package.source]\ntype = "git"\nurl = "x"\n';
    assert.deepStrictEqual(deps('poetry.lock', poetry).deps, ['a @1.0']);
    const pylock =
      '[[packages]]\nname = "a"\nversion = "1.0"\n[[packages.wheels]]\nurl = "x"\n[[packages]]\nname = "b"\n[packages.vcs]\ntype = "git"\n';
    assert.deepStrictEqual(deps('pylock.toml', pylock).deps, ['a @1.0']);
  });

  it('Poetry constraints', () => {
    const text =
      '[tool.poetry.dependencies]\npython = "^3.9"\na = "1.2.3"\nb = "^1.2"\nc = "~1.2.3"\nd = ">=1.0 <2.0"\ne = "*"\nf = { git = "x" }\ng = "1.0 || 2.0"\n[tool.poetry.group.dev.dependencies]\nh = "==1.0"\n';
    assert.deepStrictEqual(deps('pyproject.toml', text), {
      deps: ['a ==1.2.3', 'b >=1.2', 'c >=1.2.3', 'd >=1.0,<2.0', 'e ', 'h ==1.0'],
      problems: ['g: the constraint "1.0 || 2.0" is not one this check can read'],
    });
  });

  it('bad input gives a clear problem, never an exception', () => {
    for (const [file, text] of [
      ['pyproject.toml', '[project\n'],
      ['Pipfile', 'packages = {'],
      ['uv.lock', '\0\0\0'],
      ['Pipfile.lock', '[1, 2]'],
      ['setup.cfg', '[options]\ninstall_requires =\n    ??\n'],
      ['requirements.txt', '=='],
    ])
      assert.strictEqual(readManifest(file, text)!.problems.length, 1, `${file}: ${text}`);
  });

  it('a 10 MB lock file is read in one pass', () => {
    const entry = (i: number) =>
      `[[package]]\nname = "pkg-${i}"\nversion = "1.${i}"\nsource = { registry = "https://pypi.org/simple" }\nsdist = { url = "https://example.com/pkg-${i}.tar.gz", hash = "sha256:${'0'.repeat(64)}" }\n\n`;
    let text = 'version = 1\n\n';
    let i = 0;
    while (text.length < 10 * 1024 * 1024) text += entry(i++);
    text += '[[package]]\nname = "pyyaml"\nversion = "5.3.1"\nsource = { registry = "https://pypi.org/simple" }\n';
    const found = findings('uv.lock', text);
    assert.deepStrictEqual(
      found.map((f) => text.slice(f.start, f.end)),
      ['"5.3.1"'],
    );
  });
});

describe('dependency audit: the fix', () => {
  const fixOf = (file: string, text: string) => {
    const [finding] = findings(file, text);
    assert.ok(finding, `no finding in ${file}`);
    return finding.fix ? { output: applyEdits(text, finding.fix.edits), fix: finding.fix } : finding.fixUnavailable!;
  };
  const noFix = (file: string, text: string) => {
    const result = fixOf(file, text);
    if (typeof result !== 'string') throw new Error(`a fix was offered: ${result.output}`);
    return result;
  };
  const output = (file: string, text: string) => {
    const result = fixOf(file, text);
    if (typeof result === 'string') throw new Error(`no fix: ${result}`);
    assert.strictEqual(result.fix.applicability, 'unsafe');
    return result.output;
  };

  it('raises a pin or a lower bound, keeping the rest of the line', () => {
    assert.strictEqual(output('requirements.txt', 'flask==2.2.4  # web\n'), 'flask==2.2.5  # web\n');
    assert.strictEqual(output('requirements.txt', 'django>=3.2,<4\n'), 'django>=3.2.25,<4\n');
    assert.strictEqual(
      output('requirements.txt', 'requests[socks] == 2.25.0 ; os_name == "nt"\n'),
      'requests[socks] == 2.31.0 ; os_name == "nt"\n',
    );
    assert.strictEqual(output('requirements.txt', 'pyyaml (==5.3.1)\n'), 'pyyaml (==5.4)\n');
    assert.strictEqual(output('requirements.txt', 'jinja2~=2.10.1\n'), 'jinja2~=2.11.3\n');
    assert.strictEqual(output('requirements.txt', 'flask===2.2.4\n'), 'flask===2.2.5\n');
    assert.strictEqual(output('requirements.txt', 'flask>=2.0,!=2.1.0,<3\n'), 'flask>=2.2.5,!=2.1.0,<3\n');
    assert.strictEqual(output('requirements.txt', 'django>=3.2,!=3.2\n'), 'django>=3.2.25,!=3.2\n');
    assert.strictEqual(
      output('pyproject.toml', '[project]\nname = "x"\ndependencies = [\n  "flask>=2.2.4",\n]\n'),
      '[project]\nname = "x"\ndependencies = [\n  "flask>=2.2.5",\n]\n',
    );
    assert.strictEqual(
      output('pyproject.toml', '[tool.poetry.dependencies]\nrequests = "2.25.0"\nurllib3 = { version = "^1.26.0" }\n'),
      '[tool.poetry.dependencies]\nrequests = "2.31.0"\nurllib3 = { version = "^1.26.0" }\n',
    );
    assert.strictEqual(
      output('Pipfile', '[packages]\nflask = {version = "==2.2.4", extras = ["async"]}\n'),
      '[packages]\nflask = {version = "==2.2.5", extras = ["async"]}\n',
    );
    assert.strictEqual(
      output('setup.cfg', '[options]\ninstall_requires =\n    flask==2.2.4\n'),
      '[options]\ninstall_requires =\n    flask==2.2.5\n',
    );
  });

  it('an exclusive bound >V becomes >=safe (>safe would exclude the safe release)', () => {
    assert.strictEqual(output('requirements.txt', 'django>3.2,<4\n'), 'django>=3.2.25,<4\n');
    assert.strictEqual(output('requirements.txt', 'pyyaml > 5.3, < 6  # yaml\n'), 'pyyaml >=5.4, < 6  # yaml\n');
    assert.strictEqual(
      output('pyproject.toml', '[project]\nname = "x"\ndependencies = ["flask>2.2.4"]\n'),
      '[project]\nname = "x"\ndependencies = ["flask>=2.2.5"]\n',
    );
    assert.deepStrictEqual(findings('requirements.txt', 'django>=3.2.25,<4\n'), []);
  });

  it('the fixed file has no finding left for that package', () => {
    const fixed = output('requirements.txt', 'Django==3.2.0\n');
    assert.strictEqual(fixed, 'Django==3.2.25\n');
    assert.deepStrictEqual(findings('requirements.txt', fixed), []);
  });

  it('offers no fix where a textual edit would be wrong', () => {
    assert.match(noFix('requirements.txt', 'urllib3==1.26.4 --hash=sha256:abc\n'), /--hash/);
    assert.match(noFix('poetry.lock', '[[package]]\nname = "flask"\nversion = "2.2.4"\n'), /lock again/);
    assert.match(noFix('requirements.txt', 'django>=3.2,<3.2.5\n'), /exclude 3\.2\.25/);
    assert.match(noFix('requirements.txt', 'jinja2~=2.10\n'), /series/);
    assert.match(noFix('requirements.txt', 'django==3.2.*\n'), /wildcard/);
    assert.match(noFix('pyproject.toml', '[tool.poetry.dependencies]\ndjango = ">=3.2 <4"\n'), /in place/);
  });
});

describe('dependency audit: a newer advisory file', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-advisories-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const settingsWith = (file: string) => mergeSettings(defaultSettings, { dependencies: { advisories: file } });

  it('is used instead of the shipped data, named by the setting', () => {
    const file = path.join(dir, 'newer.json');
    fs.writeFileSync(
      file,
      JSON.stringify([record('PYSEC-2099-1', [pypi('flask', [{ introduced: '0' }, { fixed: '9.0' }])])]),
    );
    const settings = settingsWith(file);
    assert.strictEqual(settings.advisories, file);
    const [finding, ...rest] = findings('requirements.txt', 'flask==3.0.3\n', settings);
    assert.strictEqual(rest.length, 0);
    assert.match(finding.message, /PYSEC-2099-1.*fixed in 9\.0/s);
    assert.match(finding.message, /data of 2024-05-01/);
  });

  it('a broken file: a clear message, and the shipped data is used', () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{"advisories": [');
    const found = findings('requirements.txt', 'flask==2.2.4\n', settingsWith(file));
    assert.deepStrictEqual(
      found.map((f) => f.confidence),
      ['low', 'high'],
    );
    assert.match(found[0].message, /broken\.json: not JSON.*using the shipped advisories \(up to 2024-10-10\)/);
    assert.match(found[1].message, /PYSEC-2023-62/);
    assert.match(loadAdvisories(path.join(dir, 'missing.json')).problem!, /cannot read it \(ENOENT\)/);
    assert.match(loadAdvisories('relative.json').problem!, /not an absolute path/);
    fs.writeFileSync(path.join(dir, 'npm.json'), JSON.stringify([record('X', [])]));
    assert.match(loadAdvisories(path.join(dir, 'npm.json')).problem!, /no PyPI advisory/);
  });

  it("the editor's setting reaches the settings; an empty one leaves the shipped data", () => {
    assert.strictEqual(
      mergeSettings(defaultSettings, editorOverrides({ dependencies: { advisories: '/x/a.json' } })).advisories,
      '/x/a.json',
    );
    assert.strictEqual(
      mergeSettings(defaultSettings, editorOverrides({ dependencies: { advisories: '' } })).advisories,
      undefined,
    );
  });
});

describe('dependency audit: checklist', () => {
  const summary = (overrides: Partial<WorkspaceSummary>): WorkspaceSummary => ({
    state: 'complete',
    pythonFiles: 3,
    modules: [],
    counts: {},
    bySeverity: { error: 0, warning: 0, information: 0, hint: 0 },
    findings: [],
    truncated: false,
    rules: [
      { id: 'PSG801', title: 'unpinned', checklistItem: 'dependencies-audited', cwe: 1357 },
      { id: 'PSG803', title: 'vulnerable', checklistItem: 'dependencies-audited', cwe: 1395 },
    ],
    ...overrides,
  });
  const status = (overrides: Partial<WorkspaceSummary>) =>
    checklistStatus(checklist, summary(overrides), new Set()).find((s) => s.item.id === 'dependencies-audited')!.status;

  it('is not green without manifests, and unknown when the scan does not count them', () => {
    assert.strictEqual(status({ dependencyManifests: 0 }).kind, 'not-applicable');
    assert.match(describeStatus(status({ dependencyManifests: 0 })), /no requirements file/);
    assert.strictEqual(status({}).kind, 'no-rules');
    assert.match(describeStatus(status({})), /^unknown/);
  });

  it('passes with the data date when manifests were checked and nothing was found; fails with the count', () => {
    assert.strictEqual(
      describeStatus(status({ dependencyManifests: 2, advisoriesDate: '2024-10-10' })),
      'passed: 2 manifests checked against advisories up to 2024-10-10',
    );
    const failing = status({
      dependencyManifests: 1,
      counts: { PSG803: 3 },
      findings: [],
    });
    assert.strictEqual(describeStatus(failing), '3 findings');
  });
});

describe('dependency audit: a sample project through the CLI', () => {
  const sample = path.join(__dirname, '..', 'fixtures', 'dependencies', 'vulnerable-project');

  it('reports the known-vulnerable pins of requirements.txt and requirements/base.txt, with the ids in SARIF', async () => {
    let out = '';
    const code = await scan(
      [sample],
      { format: 'sarif', exclude: [], maxFileSize: DEFAULT_MAX_FILE_BYTES, cache: false },
      { stdout: (s) => (out += s), cwd: sample },
    );
    const log = JSON.parse(out) as Log;
    const own = log.runs[0].results!.filter((result) => result.ruleId === 'PSG803');
    assert.strictEqual(code, 1);
    assert.deepStrictEqual(
      own.map((result) => {
        const location = result.locations![0].physicalLocation!;
        const file = location.artifactLocation!.uri!.replace(/^.*vulnerable-project\//, '');
        return `${file} ${location.region!.startLine} ${result.message.text!.split(' ')[0]}`;
      }),
      [
        'requirements/base.txt 1 `urllib3`',
        'requirements.txt 4 `flask`',
        'requirements.txt 5 `Django`',
        'requirements.txt 6 `jinja2`',
        'requirements.txt 7 `PyYAML`',
        'requirements.txt 8 `requests`',
      ],
    );
    assert.ok(own.every((result) => result.properties?.confidence === 'high'));
    assert.match(own[1].message.text!, /PYSEC-2023-62 \(CVE-2023-30861, GHSA-m2qf-hxjv-5gpq\)/);
  });
});
