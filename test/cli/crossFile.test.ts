import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Log } from 'sarif';
import { dedent } from '../support/engine';

const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

interface Step {
  file?: string;
  path?: string;
  line: number;
  message: string;
}
interface Reported {
  file: string;
  line: number;
  ruleId: string;
  confidence: string;
  flow: Step[] | null;
}

describe('cli: flows across the files of a scanned folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-cli-cross-'));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'app', '__init__.py'), '');
    fs.writeFileSync(
      path.join(dir, 'app', 'views.py'),
      dedent(`
        from flask import Flask, request
        from .storage import save

        app = Flask(__name__)


        @app.route("/upload", methods=["POST"])
        def upload():
            save(request.form["name"], request.get_data())
            return "ok"
      `) + '\n',
    );
    fs.writeFileSync(
      path.join(dir, 'app', 'storage.py'),
      dedent(`
        import os


        def save(name, data):
            with open(os.path.join("/srv/uploads", name), "wb") as out:
                out.write(data)
      `) + '\n',
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports the sink with every step, in each file, in JSON and in SARIF code flows', () => {
    const json = run(['scan', '.', '--format', 'json', '--no-cache'], dir);
    const findings = (JSON.parse(json.stdout) as { findings: Reported[] }).findings.filter(
      (f) => f.ruleId === 'PSG401',
    );
    assert.strictEqual(findings.length, 1, json.stdout);
    const [finding] = findings;
    assert.strictEqual(finding.file, path.join('app', 'storage.py'));
    assert.strictEqual(finding.confidence, 'high');
    const inViews = finding.flow!.filter((step) => step.file === path.join('app', 'views.py'));
    assert.ok(inViews.length >= 2, JSON.stringify(finding.flow));
    assert.ok(inViews.every((step) => step.line === 9 && step.path === 'app/views.py'));
    assert.ok(finding.flow!.some((step) => step.file === undefined && /reaches `open`/.test(step.message)));

    const sarif = JSON.parse(run(['scan', '.', '--format', 'sarif', '--no-cache'], dir).stdout) as Log;
    const result = sarif.runs[0].results!.find((r) => r.ruleId === 'PSG401')!;
    const files = result.codeFlows![0].threadFlows[0].locations.map(
      (l) => l.location!.physicalLocation!.artifactLocation!.uri,
    );
    assert.ok(files.includes('app/views.py') && files.includes('app/storage.py'), JSON.stringify(files));
  });

  it('analyses a file again when a file its cached result read has changed', () => {
    const cacheDir = path.join(dir, '.cache');
    const scan = () =>
      (
        JSON.parse(run(['scan', '.', '--format', 'json', '--cache-dir', cacheDir], dir).stdout) as {
          findings: Reported[];
        }
      ).findings.filter((f) => f.ruleId === 'PSG401' && f.confidence === 'high');
    assert.strictEqual(scan().length, 1);
    // Only the caller changes: storage.py's text (its cache key) is the same, its finding is not.
    const views = path.join(dir, 'app', 'views.py');
    fs.writeFileSync(views, fs.readFileSync(views, 'utf8').replace('request.form["name"]', '"report.txt"'));
    assert.strictEqual(scan().length, 0);
  });
});
