// Compares the cold scan of several builds on the same machine: each build's `dist/cli.js scan <corpus> --no-cache`
// is run in turn, round after round, so that whatever else loads the machine weighs on all of them alike; prints
// each build's wall time, CPU time and peak RSS per round, then their medians and ranges. Timings, never a test.
// Usage: npx tsx scripts/bench/compare-scans.ts [--rounds 3] [--jobs 2] [--corpus <folder>] <dist> <dist> ...
//   (a dist folder of another checkout, built with `npm run build` there; this checkout's is dist/)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { standardLibraryFolder } from './corpus';
import { timed, type ProcessRun } from './timed';

const program = new Command()
  .argument('<dists...>', 'dist folders of the builds to compare')
  .option('--rounds <n>', 'rounds (each runs every build once)', (v) => Number(v), 3)
  .option('--jobs <n>', 'threads of each scan (--jobs)', (v) => Number(v), 2)
  .option('--corpus <folder>', 'the folder scanned (default: the standard library of python3)')
  .parse();
const options = program.opts<{ rounds: number; jobs: number; corpus?: string }>();
const dists = program.args.map((dist) => path.resolve(dist));
for (const dist of dists)
  if (!fs.existsSync(path.join(dist, 'cli.js'))) throw new Error(`${dist}/cli.js is missing: build it first`);
const corpus = path.resolve(options.corpus ?? standardLibraryFolder());
const report = path.join(os.tmpdir(), `psg-compare-scans-${process.pid}.json`);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const range = (values: number[], digits: number) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

async function main(): Promise<void> {
  const runs = new Map<string, ProcessRun[]>(dists.map((dist) => [dist, []]));
  console.log(`${corpus}, --jobs ${options.jobs}, ${options.rounds} rounds`);
  for (let round = 1; round <= options.rounds; round++) {
    for (const dist of dists) {
      const args = [path.join(dist, 'cli.js'), 'scan', corpus, '--no-cache', '--jobs', String(options.jobs)];
      const run = await timed(process.execPath, [...args, '--format', 'json', '--output', report], { node: true });
      // 0: no findings, 1: findings; anything else is a failure.
      if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`${dist} failed: ${run.stderr.slice(0, 500)}`);
      const findings = (JSON.parse(fs.readFileSync(report, 'utf8')) as { findings: unknown[] }).findings.length;
      runs.get(dist)!.push(run);
      console.log(
        `round ${round}  ${dist}: ${(run.wallMs / 1000).toFixed(2)} s wall, ${((run.cpuMs ?? NaN) / 1000).toFixed(2)} s CPU, ${Math.round(run.maxRssMb ?? NaN)} MB, ${findings} findings`,
      );
    }
  }
  fs.rmSync(report, { force: true });
  console.log('');
  for (const [dist, measured] of runs) {
    const wall = measured.map((run) => run.wallMs / 1000);
    const cpu = measured.map((run) => (run.cpuMs ?? NaN) / 1000);
    const rss = measured.map((run) => run.maxRssMb ?? NaN);
    console.log(
      `${dist}: wall ${median(wall).toFixed(2)} s (${range(wall, 2)}), CPU ${median(cpu).toFixed(2)} s (${range(cpu, 2)}), peak RSS ${range(rss, 0)} MB`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
