// The conventional runner for machines that can reach Microsoft's update server: @vscode/test-electron
// downloads VS Code (desktop, into .vscode-test/) and runs the same extension-host suite as
// run-extension-tests.mjs. CI here cannot download VS Code, so it runs the code-server harness instead.
//
//   npm run test:vscode:electron                 (VSCODE_VERSION=1.95.0 to pin an editor version)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { root } from './provision.mjs';

const tsc = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', path.join(root, 'test', 'vscode')],
  { stdio: 'inherit', cwd: root },
);
if (tsc.status !== 0) process.exit(1);

const run = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-vscode-'));
const workspace = path.join(run, 'workspace');
fs.cpSync(path.join(root, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--user-data-dir',
      path.join(run, 'user-data'),
    ],
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  fs.rmSync(run, { recursive: true, force: true });
}
