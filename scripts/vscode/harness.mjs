// Starts code-server (VS Code's server and web workbench) on loopback with everything it writes
// kept in one run folder, and drives Debian's Chromium with playwright-core. Every process is started
// in its own process group and the whole group is killed when the run ends, fails or times out.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { chromium } from 'playwright-core';
import { provision, root } from './provision.mjs';

export const outputRoot = path.join(root, '.test-output', 'vscode');

/** Settings that keep the workbench quiet and offline: no telemetry, chat, git, update or startup editor. */
const quietSettings = {
  'telemetry.telemetryLevel': 'off',
  'telemetry.feedback.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'security.workspace.trust.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'json.schemaDownload.enable': false,
  'workbench.colorTheme': 'Default Light Modern',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Kills a process group started with `detached: true`; quietly does nothing when it is gone. */
function killGroup(child, signal = 'SIGKILL') {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Resolves once `predicate` sees the accumulated output, rejects when the process exits first or time runs out. */
function waitForOutput(child, predicate, timeoutMs, describe) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => done(new Error(`${describe}: no sign of readiness after ${timeoutMs / 1000} s\n${seen.slice(-4000)}`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      seen += chunk.toString();
      if (predicate(seen)) done();
    };
    const onExit = (code, signal) =>
      done(new Error(`${describe} exited early (${code ?? signal})\n${seen.slice(-4000)}`));
    function done(error) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

/**
 * A run folder holding everything code-server writes (config, user data, extensions, XDG folders,
 * TMPDIR) and the output of the run (logs, screenshots). Created fresh for each run.
 */
export function createRunFolder(name) {
  const dir = path.join(outputRoot, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const folders = {
    dir,
    config: path.join(dir, 'config.yaml'),
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    xdgConfig: path.join(dir, 'xdg', 'config'),
    xdgData: path.join(dir, 'xdg', 'data'),
    xdgCache: path.join(dir, 'xdg', 'cache'),
    tmp: path.join(dir, 'tmp'),
    screenshots: path.join(dir, 'screenshots'),
    logFile: path.join(dir, 'code-server.log'),
  };
  for (const folder of [
    folders.userData,
    folders.extensions,
    folders.xdgConfig,
    folders.xdgData,
    folders.xdgCache,
    folders.tmp,
    folders.screenshots,
  ]) {
    fs.mkdirSync(folder, { recursive: true });
  }
  fs.mkdirSync(path.join(folders.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(folders.userData, 'User', 'settings.json'), `${JSON.stringify(quietSettings, null, 2)}\n`);
  fs.writeFileSync(folders.config, 'auth: none\ncert: false\n');
  return folders;
}

function serverEnv(folders, base) {
  return {
    ...base,
    HOME: folders.dir,
    XDG_CONFIG_HOME: folders.xdgConfig,
    XDG_DATA_HOME: folders.xdgData,
    XDG_CACHE_HOME: folders.xdgCache,
    TMPDIR: folders.tmp,
    EXTENSIONS_GALLERY: '{}',
  };
}

function commonArgs(folders) {
  return [
    '--config',
    folders.config,
    '--user-data-dir',
    folders.userData,
    '--extensions-dir',
    folders.extensions,
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

/** Installs a packaged extension into the run folder's extensions directory. */
export async function installExtension(folders, vsix) {
  const { nodeBin, codeServerEntry, env } = provision();
  const child = spawn(nodeBin, [codeServerEntry, ...commonArgs(folders), '--install-extension', vsix, '--force'], {
    env: serverEnv(folders, env),
    cwd: folders.dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  killGroup(child);
  fs.appendFileSync(folders.logFile, `--- install ${vsix}\n${output}\n`);
  if (code !== 0 || !/successfully installed/i.test(output))
    throw new Error(`installing ${vsix} failed (exit ${code}):\n${output}`);
}

/**
 * Starts code-server and Chromium; returns a session whose `close()` kills both process groups.
 * `close()` also runs on SIGINT/SIGTERM and when the runner process exits.
 */
export async function startSession(folders, { smokeTestDriver = false, env: extraEnv = {} } = {}) {
  const { nodeBin, codeServerEntry, env } = provision();
  const port = await freePort();
  const args = [
    codeServerEntry,
    ...commonArgs(folders),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const log = fs.openSync(folders.logFile, 'a');
  const server = spawn(nodeBin, args, {
    env: { ...serverEnv(folders, env), ...extraEnv },
    cwd: folders.dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (chunk) => fs.writeSync(log, chunk));
  server.stderr.on('data', (chunk) => fs.writeSync(log, chunk));

  let browser;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    process.off('exit', closeSync);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    try {
      await Promise.race([browser?.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
    } catch {
      // the group kill below ends it
    }
    closeSync();
  };
  const closeSync = () => {
    closed = true;
    const browserProcess = browser?.process?.();
    if (browserProcess) killGroup(browserProcess);
    killGroup(server);
    try {
      fs.closeSync(log);
    } catch {
      // already closed
    }
  };
  const onSignal = (signal) => {
    closeSync();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', closeSync);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await waitForOutput(server, (text) => /HTTP server listening on/i.test(text), 120_000, 'code-server');
    const executablePath = process.env.PSG_CHROMIUM_PATH || process.env.CHROMIUM_PATH || '/usr/bin/chromium';
    if (!fs.existsSync(executablePath)) {
      throw new Error(
        `Chromium not found at ${executablePath}: install Debian's chromium (apt-get install -y chromium) or set PSG_CHROMIUM_PATH`,
      );
    }
    // playwright-core launches Chromium in its own process group on Linux (detached), so the
    // group kill in close() reaches its helper processes too.
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: chromiumFlags,
      env: {
        ...process.env,
        HOME: folders.dir,
        XDG_CONFIG_HOME: folders.xdgConfig,
        XDG_CACHE_HOME: folders.xdgCache,
        TMPDIR: folders.tmp,
      },
      timeout: 60_000,
    });
  } catch (error) {
    await close();
    throw error;
  }
  const origin = `http://127.0.0.1:${port}`;
  return { port, origin, authority: `127.0.0.1:${port}`, browser, server, close };
}

/** Runs `body` with a deadline; on timeout the session is closed and an error thrown. */
export async function withTimeout(ms, describe, body) {
  let timer;
  try {
    return await Promise.race([
      body(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${describe} did not finish within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function workbenchUrl(session, folder, payload) {
  const query = new URLSearchParams({ folder });
  if (payload) query.set('payload', JSON.stringify(payload));
  return `${session.origin}/?${query.toString()}`;
}

/** A new page of the session's browser whose script errors are written to stderr. */
export async function newWorkbenchPage(session) {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (error) => process.stderr.write(`[workbench page error] ${error.message}\n`));
  return page;
}

/** Runs a runner's `main` and exits with the code it returns (1 when it throws). */
export function exitWith(main) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
