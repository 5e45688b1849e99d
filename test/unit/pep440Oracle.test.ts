// The dependency audit's version order and advisory matching, checked against Python's `packaging`
// (the library pip uses) on the shipped data: CI installs it (python3-packaging), and this test
// fails without it rather than skipping.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { CompactAdvisories } from '../../server/src/packaging/advisories';
import { loadAdvisories } from '../../server/src/packaging/advisoryFiles';
import { clausesOf, compareVersions, isVersion, lowestAllowed } from '../../server/src/packaging/versions';
import { shippedAdvisoryFile, useNodeAdvisories } from '../../server/src/workspace/nodeFileAccess';

// The analysis reads the shipped advisory data through Node here, as the server and the CLI do.
useNodeAdvisories();

interface OracleAnswer {
  packaging: string;
  order: [string, number][];
  affected: string[][];
  contains: boolean[];
}

function askPackaging(request: {
  versions: string[];
  data: string;
  queries: [string, string][];
  contains?: [string, string][];
}): OracleAnswer {
  const result = spawnSync('python3', [path.join(__dirname, '..', 'support', 'pep440_oracle.py')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  assert.strictEqual(
    result.status,
    0,
    `python3 with packaging is needed (Debian: python3-packaging): ${result.stderr}`,
  );
  return JSON.parse(result.stdout) as OracleAnswer;
}

const data = JSON.parse(fs.readFileSync(shippedAdvisoryFile(), 'utf8')) as CompactAdvisories;
const namedVersions = (name: string) =>
  data.packages[name].flatMap(([, ranges, listed]) => [
    ...ranges.flatMap((range) => range.map((event) => event.slice(2))),
    ...(listed ?? []),
  ]);
/** Each version and its neighbours of every kind PEP 440 orders: pre-, post-, dev-releases, local labels, epochs. */
const variants = (version: string) =>
  isVersion(version) && !/[+!]/.test(version)
    ? [
        version,
        `${version}rc1`,
        `${version}a2.dev1`,
        `${version}.post1`,
        `${version}.dev0`,
        `${version}+local.7`,
        `1!${version}`,
      ]
    : [version];

describe('dependency audit against Python packaging', () => {
  it('orders versions as packaging.version.Version does', function () {
    this.timeout(300000);
    const names = Object.keys(data.packages).filter((_, i) => i % 6 === 0);
    const versions = [
      ...new Set(
        names
          .flatMap(namedVersions)
          .flatMap(variants)
          .filter((v) => v !== '0' && isVersion(v)),
      ),
    ];
    const oracle = askPackaging({ versions, data: shippedAdvisoryFile(), queries: [] });
    const ours = [...versions].sort(compareVersions);
    let group = -1;
    const grouped = ours.map((v, i): [string, number] => {
      if (i === 0 || compareVersions(ours[i - 1], v) !== 0) group++;
      return [v, group];
    });
    // Versions equal by PEP 440 (1.0 and 1.0.0) may come in either order within their group.
    const canonical = (list: [string, number][]) =>
      [...list].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    assert.ok(versions.length > 1000, `${versions.length} versions`);
    assert.deepStrictEqual(canonical(grouped), canonical(oracle.order));
  });

  it('finds the same advisories for each version of every package', function () {
    this.timeout(300000);
    const database = loadAdvisories().database!;
    const queries: [string, string][] = [];
    for (const name of Object.keys(data.packages))
      for (const version of [...new Set(namedVersions(name))].slice(0, 12).flatMap(variants))
        if (version !== '0') queries.push([name, version]);
    const oracle = askPackaging({ versions: [], data: shippedAdvisoryFile(), queries });
    const sorted = (ids: string[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const differences = queries
      .map(([name, version], i) => ({
        query: `${name} ${version}`,
        ours: sorted(database.affecting(name, version).map((advisory) => advisory.id)),
        packaging: sorted(oracle.affected[i]),
      }))
      .filter((row) => row.ours.join() !== row.packaging.join());
    assert.ok(queries.length > 10000, `${queries.length} queries`);
    assert.ok(
      oracle.affected.filter((ids) => ids.length).length > 5000,
      'most queries are affected versions: the check is not vacuous',
    );
    assert.deepStrictEqual(differences.slice(0, 10), []);
  });

  it('the lowest allowed version of each specifier shape is admitted by it, and an exclusive bound is not', function () {
    this.timeout(300000);
    const versions = [
      ...new Set(
        Object.keys(data.packages)
          .filter((_, i) => i % 2 === 0)
          .flatMap(namedVersions)
          .filter((v) => v !== '0' && isVersion(v) && !/[+!]/.test(v)),
      ),
    ];
    const specifiers = versions.flatMap((v) => {
      const release = v.split(/[a-z]/i)[0].replace(/\.$/, '');
      return [
        `>=${v}`,
        `>${v}`,
        `>=${v},!=${v}`,
        `~=${release.includes('.') ? release : `${release}.0`}`,
        `==${release}.*`,
        `>=${v},!=${release}.*`,
        `>${v},<${v}`,
        `>=0.1,>=${v},<100000`,
      ];
    });
    const checks: { specifier: string; version: string; admitted: boolean }[] = [];
    for (const specifier of specifiers) {
      const lowest = lowestAllowed(specifier, clausesOf(specifier)!);
      if (!lowest) continue;
      checks.push({ specifier, version: lowest.matched, admitted: true });
      if (lowest.exclusive) checks.push({ specifier, version: lowest.version, admitted: false });
    }
    const oracle = askPackaging({
      versions: [],
      data: shippedAdvisoryFile(),
      queries: [],
      contains: checks.map(({ specifier, version }) => [specifier, version]),
    });
    const differences = checks.filter((check, i) => oracle.contains[i] !== check.admitted);
    assert.ok(checks.length > 5000, `${checks.length} checks`);
    assert.ok(
      checks.filter((check) => !check.admitted).length > 1000,
      'exclusive bounds are among them: the check is not vacuous',
    );
    assert.deepStrictEqual(differences.slice(0, 10), []);
  });
});
