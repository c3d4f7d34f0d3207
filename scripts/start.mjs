// `npm start`: the whole desk on the embedded default, in one command.
//   1. builds the renderer when dist/renderer is missing or older than its sources;
//   2. starts HQ (PGlite in .data/hq, demo data, serving dist/renderer) and waits for
//      its "HQ listening on http://HOST:PORT" line;
//   3. opens the Electron desk pointed at that HQ — or, where the Electron runtime was
//      never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD), says so and leaves the desk
//      running in web mode.
// HQ keeps running until Ctrl+C (or until the Electron window is closed); signals are
// forwarded so PGlite closes its data folder cleanly. Env: HQ_PORT, HQ_START_TIMEOUT_MS.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const HQ_DATA_DIR = '.data/hq';
const RENDERER_OUT = 'dist/renderer';
const READY_LINE = /HQ listening on (https?:\/\/\S+)/;
const DEMO_LOGIN = 'dx.officer1 / borderdesk';

const children = new Set();
let isStopping = false;

main().catch((error) => {
  fatal(`${error instanceof Error ? error.message : String(error)}`);
});

async function main() {
  await ensureRendererBuilt();
  const hq = await startHq();
  const electronBinary = findElectronBinary() ?? (await tryFetchElectron());
  if (electronBinary) {
    await run(npm, ['run', 'build:electron'], 'Electron build failed / Electron 构建失败');
    launchElectron(electronBinary, hq.url);
  } else {
    printWebModeNotice(hq.url);
  }
}

// ---- 1. renderer ------------------------------------------------------------------

async function ensureRendererBuilt() {
  const builtAt = mtime(join(root, RENDERER_OUT, 'index.html'));
  const newest = newestSource(['renderer', 'shared']);
  if (builtAt !== null && newest !== null && newest.time <= builtAt) {
    log(`renderer is up to date (${RENDERER_OUT})`);
    return;
  }
  log(
    builtAt === null
      ? `building the renderer: ${RENDERER_OUT} is missing / 正在构建界面`
      : `rebuilding the renderer: ${relative(root, newest?.path ?? '')} changed / 界面源码已更新，重新构建`,
  );
  await run(npm, ['run', 'build:renderer'], 'Renderer build failed / 界面构建失败');
}

function newestSource(folders) {
  let newest = null;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (!/\.test\.tsx?$/.test(entry.name)) {
        const time = statSync(path).mtimeMs;
        if (newest === null || time > newest.time) newest = { path, time };
      }
    }
  };
  for (const folder of folders) if (existsSync(join(root, folder))) visit(join(root, folder));
  return newest;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

// ---- 2. HQ ------------------------------------------------------------------------

function startHq() {
  const timeoutMs = Number(process.env.HQ_START_TIMEOUT_MS ?? 180_000);
  const args = [
    require.resolve('tsx/cli'),
    'server/main.ts',
    '--seed-demo',
    '--static',
    RENDERER_OUT,
    '--data-dir',
    HQ_DATA_DIR,
  ];
  log(`starting HQ (PGlite in ${HQ_DATA_DIR}${process.env.HQ_PORT ? `, port ${process.env.HQ_PORT}` : ''}) / 正在启动总部服务`);
  const hq = spawn(process.execPath, args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(hq);

  return new Promise((resolve, reject) => {
    let isReady = false;
    let pending = '';
    const timer = setTimeout(() => {
      reject(new Error(`HQ did not report "HQ listening on …" within ${timeoutMs} ms / 总部服务启动超时`));
    }, timeoutMs);
    hq.stdout.setEncoding('utf8');
    hq.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (isReady) return;
      pending = (pending + chunk).slice(-4096);
      const match = READY_LINE.exec(pending);
      if (!match) return;
      isReady = true;
      clearTimeout(timer);
      resolve({ process: hq, url: match[1].replace(/\/+$/, '') });
    });
    hq.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start HQ: ${error.message}`));
    });
    hq.on('exit', (code, signal) => {
      children.delete(hq);
      clearTimeout(timer);
      if (isStopping) return;
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (!isReady) {
        reject(new Error(`HQ failed to start (${how}); see its output above / 总部服务启动失败`));
        return;
      }
      fatal(`HQ stopped unexpectedly (${how}) / 总部服务意外退出`, code || 1);
    });
  });
}

// ---- 3. Electron or web mode --------------------------------------------------------

/**
 * The electron package's own index.js would try to download a missing binary when
 * required; here we only look. It records the binary's relative path in path.txt once
 * the download succeeded (ELECTRON_OVERRIDE_DIST_PATH points at a custom build).
 */
function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, executable || 'electron');
    return existsSync(binary) ? binary : null;
  }
  if (executable === '') return null;
  const binary = join(packageDir, 'dist', executable);
  return existsSync(binary) ? binary : null;
}

/**
 * electron@45 has no install script: its binary is fetched on first use. Try that once
 * (it fails within a second where the download host is unreachable), unless the user
 * asked to skip it, and fall back to web mode.
 */
async function tryFetchElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.BORDERDESK_WEB_ONLY) return null;
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return null;
  }
  if (!existsSync(installer)) return null;
  log('fetching the Electron runtime / 正在下载 Electron 运行时');
  const fetched = await new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [installer], { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', () => resolvePromise(false));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise(code === 0);
    });
  });
  return fetched ? findElectronBinary() : null;
}

function launchElectron(binary, hqUrl) {
  log(`opening the desk (Electron) against HQ ${hqUrl} / 正在打开桌面端`);
  const electron = spawn(binary, ['.'], {
    cwd: root,
    env: { ...process.env, BORDERDESK_HQ_URL: hqUrl },
    stdio: 'inherit',
  });
  children.add(electron);
  electron.on('error', (error) => fatal(`could not launch Electron: ${error.message}`));
  electron.on('exit', (code) => {
    children.delete(electron);
    if (isStopping) return;
    log('the desk window closed; stopping HQ / 桌面端已关闭，正在停止总部服务');
    void stopAll(code ?? 0);
  });
}

function printWebModeNotice(hqUrl) {
  const url = `${hqUrl}/`;
  const lines = [
    '',
    '────────────────────────────────────────────────────────────────────────────',
    ' 本机没有 Electron 运行时，也无法下载（网络不可达，或设置了 ELECTRON_SKIP_BINARY_DOWNLOAD）。',
    ' The Electron runtime is not installed here and could not be fetched (no route to its',
    ' download host, or ELECTRON_SKIP_BINARY_DOWNLOAD is set). On a machine with network',
    ' access, `npm start` fetches it once and opens the desktop window.',
    '',
    ` 桌面端正以网页模式运行 / The desk is running in web mode at:  ${url}`,
    ' 请用 Chromium 或 Chrome 打开 / open it in Chromium or Chrome.',
    ` 演示账号 / demo sign-in:  ${DEMO_LOGIN}`,
    '',
    ' 按 Ctrl+C 停止 / press Ctrl+C to stop HQ.',
    '────────────────────────────────────────────────────────────────────────────',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---- processes and signals ----------------------------------------------------------

function run(command, args, failure) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
    children.add(child);
    child.on('error', (error) => reject(new Error(`${failure}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else if (!isStopping) reject(new Error(`${failure} (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
  });
}

/** Forwards the signal, waits for HQ to close PGlite, then exits. A second Ctrl+C forces it. */
async function stopAll(exitCode, signal = 'SIGTERM') {
  if (isStopping) {
    for (const child of children) child.kill('SIGKILL');
    process.exit(exitCode);
  }
  isStopping = true;
  const exits = [...children].map(
    (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve))),
  );
  for (const child of children) child.kill(signal);
  const grace = setTimeout(() => {
    log('children did not stop within 15 s; killing them');
    for (const child of children) child.kill('SIGKILL');
  }, 15_000);
  await Promise.all(exits);
  clearTimeout(grace);
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping / 正在停止`);
    void stopAll(signal === 'SIGINT' ? 130 : 143, signal === 'SIGHUP' ? 'SIGTERM' : signal);
  });
}

function fatal(message, exitCode = 1) {
  process.stderr.write(`\n[start] ✗ ${message}\n`);
  void stopAll(exitCode);
}

function log(message) {
  process.stdout.write(`[start] ${message}\n`);
}
