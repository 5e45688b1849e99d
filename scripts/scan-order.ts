// Checks that a file's findings do not depend on which files were analysed before it: scans a folder
// with one engine in walk order, with another in the reverse order, with two more each taking every
// other file (each engine keeps what it learns of the other modules from one file to the next, as a
// scan worker does) and every n-th file with an engine of its own (nothing analysed before it), and
// compares each file's findings. Prints the files that
// differ (none expected) and exits 1 when some do.
// Usage: npx tsx scripts/scan-order.ts [folder] [--alone-every n] (default: the standard library of python3, n = 10)
import * as path from 'path';
import { defaultSettings } from '../server/src/config/settings';
import { Engine } from '../server/src/engine/engine';
import { PythonParser } from '../server/src/parser/parser';
import { allRules } from '../server/src/rules';
import { findPythonFiles } from '../server/src/workspace/files';
import { nodeWasmFiles } from '../server/src/workspace/nodeFileAccess';
import { Scanner } from '../server/src/workspace/scanner';
import { standardLibraryFolder } from './bench/corpus';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const every = args.includes('--alone-every') ? Number(args[args.indexOf('--alone-every') + 1]) : 10;
  const positional = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--alone-every');
  const folder = path.resolve(positional[0] ?? standardLibraryFolder());
  const { files } = findPythonFiles([folder], [], folder);
  const python = files.filter((file) => /\.pyw?$/.test(file));
  const parser = await PythonParser.create(nodeWasmFiles());
  const scan = (order: readonly string[]): Map<string, string> => {
    const scanner = new Scanner(parser, new Engine(parser, allRules));
    scanner.useWorkspace({ roots: [folder], exclude: [] });
    const found = new Map<string, string>();
    for (const file of order) {
      const result = scanner.scanFile(file, defaultSettings);
      const findings = 'skipped' in result ? [] : result.findings;
      found.set(
        file,
        JSON.stringify(findings.map((f) => [f.ruleId, f.start, f.end, f.confidence, f.severity, f.message])),
      );
    }
    return found;
  };
  const forward = scan(python);
  const backward = scan([...python].reverse());
  // Two workers each see about every other file.
  const halves = [0, 1].map((half) => scan(python.filter((_, i) => i % 2 === half)));
  const shared = (file: string) => halves[0].get(file) ?? halves[1].get(file);
  const alone = new Map<string, string>();
  for (let i = 0; every > 0 && i < python.length; i += every) alone.set(python[i], scan([python[i]]).get(python[i])!);
  const differ = python.filter(
    (file) =>
      forward.get(file) !== backward.get(file) ||
      forward.get(file) !== shared(file) ||
      (alone.has(file) && alone.get(file) !== forward.get(file)),
  );
  for (const file of differ) {
    process.stdout.write(
      `${path.relative(folder, file)}\n  walk order:    ${forward.get(file)}\n  reverse order: ${backward.get(file)}\n` +
        `  every other:   ${shared(file)}\n` +
        (alone.has(file) ? `  alone:         ${alone.get(file)}\n` : ''),
    );
  }
  process.stdout.write(
    `${python.length} files (${alone.size} also alone), ${differ.length} with findings that depend on what was analysed before\n`,
  );
  process.exitCode = differ.length ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
