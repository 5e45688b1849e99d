import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const cruiser = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

/** Runs dependency-cruiser with the project's rules over `paths` (relative to `cwd`) and returns its violations. */
function cruise(
  cwd: string,
  paths: string[],
  config = path.join(root, '.dependency-cruiser.cjs'),
  tsConfig?: string,
): Violation[] {
  const args = [cruiser, ...paths, '--config', config, '--output-type', 'json'];
  if (tsConfig) args.push('--ts-config', tsConfig);
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(result.stdout, `dependency-cruiser printed nothing: ${result.stderr}`);
  const output = JSON.parse(result.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  assert.ok(output.summary.totalCruised > 0, 'nothing was cruised');
  return output.summary.violations;
}

const describeViolation = (v: Violation) =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((step) => step.name).join(' → ')})` : ''}`;

describe('architecture: one direction of dependencies', function () {
  this.timeout(120_000);

  it('no runtime import cycle and no import against the layers (.dependency-cruiser.cjs)', () => {
    const violations = cruise(root, ['server/src', 'client/src']);
    assert.deepStrictEqual(violations.map(describeViolation), []);
  });

  it('the check says no: a cycle, an import up the layers and a client import outside shared/ are each reported', () => {
    // A small tree with the project's layout, cruised with the project's rules.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-layers-'));
    try {
      const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      };
      write('server/src/core/types.ts', "import { ruleName } from '../rules/rule';\nexport const core = ruleName;\n");
      write(
        'server/src/rules/rule.ts',
        "import { core } from '../core/types';\nexport const ruleName = `rule ${String(core)}`;\n",
      );
      write(
        'server/src/engine/engine.ts',
        "import { ruleName } from '../rules/rule';\nexport const engine = ruleName;\n",
      );
      // The analysis may not import a Node built-in, not even the parser.
      write(
        'server/src/semantic/digest.ts',
        "import { createHash } from 'crypto';\nexport const digest = createHash;\n",
      );
      write(
        'server/src/parser/parser.ts',
        "import * as fs from 'fs';\nimport * as os from 'os';\nexport const parser = [fs.readFileSync, os.tmpdir];\n",
      );
      write(
        'client/src/extension.ts',
        "import { engine } from '../../server/src/engine/engine';\nexport const client = engine;\n",
      );
      write(
        'tsconfig.json',
        JSON.stringify({ compilerOptions: { module: 'preserve', moduleResolution: 'bundler', target: 'ES2022' } }),
      );
      const violations = cruise(
        dir,
        ['server/src', 'client/src'],
        path.join(root, '.dependency-cruiser.cjs'),
        'tsconfig.json',
      );
      const names = violations.map((v) => v.rule.name);
      for (const expected of ['no-runtime-cycle', 'layer-core', 'engine-not-on-the-catalog', 'client-only-shared']) {
        assert.ok(names.includes(expected), `${expected} not among ${names.join(', ')}`);
      }
      const builtins = violations
        .filter((v) => v.rule.name.startsWith('analysis-no-'))
        .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
        .sort();
      assert.deepStrictEqual(builtins, [
        'analysis-no-node-builtins: server/src/parser/parser.ts → fs',
        'analysis-no-node-builtins: server/src/parser/parser.ts → os',
        'analysis-no-node-builtins: server/src/semantic/digest.ts → crypto',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the analysis imports no Node built-in at all (it runs in a web worker too)', () => {
    const args = [
      cruiser,
      'server/src',
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
    ];
    const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = JSON.parse(result.stdout) as {
      modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
    };
    const analysis = /^server\/src\/(core|packaging|parser|semantic|config|ruleApi|fixes|rules|engine|notebooks)\//;
    const found: Record<string, string[]> = {};
    for (const module of output.modules) {
      if (!analysis.test(module.source)) continue;
      const builtins = module.dependencies.filter((d) => d.dependencyTypes.includes('core')).map((d) => d.resolved);
      if (builtins.length) found[module.source] = [...new Set(builtins)].sort();
    }
    assert.ok(
      output.modules.some((module) => module.source === 'server/src/engine/engine.ts'),
      'engine.ts not cruised',
    );
    assert.deepStrictEqual(found, {});
  });
});
