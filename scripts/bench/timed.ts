// Runs a command and measures it: wall time, and for Node commands their CPU time and peak RSS (read by
// rusage.cjs, preloaded into them); other programs through GNU time when it is there.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

export interface ProcessRun {
  wallMs: number;
  cpuMs?: number;
  maxRssMb?: number;
  exitCode: number | null;
  /** Killed at the time limit given. */
  timedOut?: boolean;
  stdout: string;
  stderr: string;
}

/** Runs a command, timing it; Node commands also report their CPU time and peak RSS. */
export function timed(
  command: string,
  args: string[],
  options: { node?: boolean; cwd?: string; timeoutMs?: number } = {},
): Promise<ProcessRun> {
  const usageFile = path.join(os.tmpdir(), `psg-bench-rusage-${process.pid}-${Date.now()}.json`);
  const env = { ...process.env, PSG_BENCH_RUSAGE: usageFile };
  let fullArgs = options.node ? ['--require', path.join(__dirname, 'rusage.cjs'), ...args] : args;
  // Other programs are measured by GNU time when it is there: user and system seconds, peak RSS in KB.
  const gnuTime = !options.node && fs.existsSync('/usr/bin/time');
  if (gnuTime) fullArgs = ['-f', '%U %S %M', '-o', usageFile, command, ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(gnuTime ? '/usr/bin/time' : command, fullArgs, {
      cwd: options.cwd ?? root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.on('close', (exitCode) => {
      if (timer) clearTimeout(timer);
      const wallMs = performance.now() - started;
      const run: ProcessRun = { wallMs, exitCode, stdout, stderr, ...(timedOut ? { timedOut } : {}) };
      if (options.node && fs.existsSync(usageFile)) {
        const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as {
          userMs: number;
          systemMs: number;
          maxRssKb: number;
        };
        run.cpuMs = usage.userMs + usage.systemMs;
        run.maxRssMb = usage.maxRssKb / 1024;
        fs.rmSync(usageFile, { force: true });
      } else if (gnuTime && fs.existsSync(usageFile)) {
        const [user, system, rssKb] = fs
          .readFileSync(usageFile, 'utf8')
          .trim()
          .split('\n')
          .pop()!
          .split(' ')
          .map(Number);
        if ([user, system, rssKb].every(Number.isFinite)) {
          run.cpuMs = (user + system) * 1000;
          run.maxRssMb = rssKb / 1024;
        }
        fs.rmSync(usageFile, { force: true });
      }
      resolve(run);
    });
  });
}
