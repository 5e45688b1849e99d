/**
 * Regenerates the shipped advisory data, data/advisories/pypi-advisories.json, from a newer copy of
 * the PyPA advisory database. Run by a maintainer (it is never run by the extension):
 *
 *   npx tsx scripts/update-advisories.ts <source> [--date YYYY-MM-DD] [--commit SHA] [--out FILE]
 *
 * <source> is one of
 *   - an OSV export zip (PyPI's `all.zip` from the OSV bucket, one JSON record per advisory);
 *   - a checkout of https://github.com/pypa/advisory-database (its `vulns/<package>/*.yaml`), or any
 *     folder of OSV `.json` / `.yaml` records;
 *   - a JSON file: a list of OSV records, or `{"meta": {...}, "advisories": [...]}` (the snapshot form).
 * Withdrawn advisories and ecosystems other than PyPI are left out. The date defaults to the snapshot's
 * own date, else the newest `modified` date among the records; the commit to a checkout's HEAD when it
 * can be read from .git without running git.
 *
 * The same file (the output with --out) can be named by the `pythonSecurityGuide.dependencies.advisories`
 * setting or the CLI's `--advisories` option instead of being shipped.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FAILSAFE_SCHEMA, load as loadYaml } from 'js-yaml';
import JSZip from 'jszip';
import { PYPA_LICENSE, compactRecords, type CompactSource } from '../server/src/packaging/advisories';

const root = path.join(__dirname, '..');

interface Options {
  source: string;
  out: string;
  date?: string;
  commit?: string;
}

function parseArguments(argv: string[]): Options {
  const options: Partial<Options> = { out: path.join(root, 'data', 'advisories', 'pypi-advisories.json') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--out') options.out = path.resolve(value());
    else if (arg === '--date') options.date = value();
    else if (arg === '--commit') options.commit = value();
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.source = path.resolve(arg);
  }
  if (!options.source)
    throw new Error('usage: update-advisories.ts <zip | checkout | json> [--date D] [--commit C] [--out F]');
  if (options.date && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) throw new Error('--date expects YYYY-MM-DD');
  return options as Options;
}

function parseRecord(text: string, name: string): unknown {
  try {
    // Every YAML scalar a string: dates stay as written, and a version such as 1.10 is not read as a number.
    return /\.ya?ml$/i.test(name) ? loadYaml(text, { schema: FAILSAFE_SCHEMA }) : JSON.parse(text);
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message.split('\n')[0]}`);
  }
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(?:json|ya?ml)$/i.test(entry.name)) out.push(full);
  }
  return out;
}

/** HEAD's commit of a checkout, read from .git (no process is started). */
function headCommit(dir: string): string | undefined {
  try {
    const head = fs.readFileSync(path.join(dir, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    const loose = path.join(dir, '.git', ref);
    if (fs.existsSync(loose)) return fs.readFileSync(loose, 'utf8').trim();
    const packed = fs.readFileSync(path.join(dir, '.git', 'packed-refs'), 'utf8');
    return packed
      .split('\n')
      .find((line) => line.endsWith(` ${ref}`))
      ?.split(' ')[0];
  } catch {
    return undefined;
  }
}

async function readSource(options: Options): Promise<{ records: unknown[]; source: CompactSource }> {
  const stat = fs.statSync(options.source);
  const base: CompactSource = { source: 'pypa/advisory-database', license: PYPA_LICENSE };
  if (stat.isDirectory()) {
    const vulns = path.join(options.source, 'vulns');
    const files = walk(fs.existsSync(vulns) ? vulns : options.source);
    if (!files.length) throw new Error(`${options.source}: no .json or .yaml advisory records in it`);
    const records = files.map((file) => parseRecord(fs.readFileSync(file, 'utf8'), file));
    return { records, source: { ...base, commit: headCommit(options.source) } };
  }
  if (/\.zip$/i.test(options.source)) {
    const zip = await JSZip.loadAsync(fs.readFileSync(options.source));
    const entries = Object.values(zip.files).filter((entry) => !entry.dir && /\.json$/i.test(entry.name));
    if (!entries.length) throw new Error(`${options.source}: no .json records in the zip`);
    const records: unknown[] = [];
    for (const entry of entries) records.push(parseRecord(await entry.async('string'), entry.name));
    return { records, source: { ...base, source: `OSV export ${path.basename(options.source)}` } };
  }
  const value = parseRecord(fs.readFileSync(options.source, 'utf8'), options.source) as Record<string, unknown>;
  if (Array.isArray(value)) return { records: value, source: base };
  const meta = (value.meta ?? {}) as Record<string, unknown>;
  if (!Array.isArray(value.advisories)) throw new Error(`${options.source}: expected {"advisories": [...]}`);
  return {
    records: value.advisories,
    source: {
      source: typeof meta.source === 'string' ? meta.source : base.source,
      commit: typeof meta.commit === 'string' ? meta.commit : undefined,
      date: typeof meta.snapshot_date === 'string' ? meta.snapshot_date : undefined,
      license: typeof meta.license === 'string' ? meta.license : base.license,
    },
  };
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const { records, source } = await readSource(options);
  const { data, stats } = compactRecords(records, {
    ...source,
    ...(options.date ? { date: options.date } : {}),
    ...(options.commit ? { commit: options.commit } : {}),
  });
  if (!data.count) throw new Error('no PyPI advisory found: nothing written');
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  // One package per line: small diffs between updates, and still compact.
  const lines = [
    '{',
    ...(['format', 'source', 'commit', 'date', 'license', 'count'] as const)
      .filter((key) => data[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}: ${JSON.stringify(data[key])},`),
    '"advisories": [',
    data.advisories.map((advisory) => JSON.stringify(advisory)).join(',\n'),
    '],',
    '"packages": {',
    Object.entries(data.packages)
      .map(([name, entries]) => `${JSON.stringify(name)}: ${JSON.stringify(entries)}`)
      .join(',\n'),
    '}',
    '}',
    '',
  ];
  fs.writeFileSync(options.out, lines.join('\n'));
  const bytes = fs.statSync(options.out).size;
  console.log(
    `${path.relative(process.cwd(), options.out)}: ${data.count} advisories for ${
      Object.keys(data.packages).length
    } packages, data of ${data.date}, ${(bytes / 1024).toFixed(0)} KiB (${stats.withdrawn} withdrawn left out, ${
      stats.unreadableEvents
    } range events with versions PEP 440 cannot read left out)`,
  );
}

main().catch((error: unknown) => {
  console.error(`update-advisories: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
