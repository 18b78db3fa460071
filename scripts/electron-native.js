/**
 * Builds better-sqlite3 for the installed Electron, next to (never over) the
 * Node build in node_modules/better-sqlite3/build that the tests and the CLI
 * load. Electron has its own ABI, so the desktop app in development loads
 * this second build through better-sqlite3's `nativeBinding` option
 * (src-main/electron/findElectronNativeBinding.ts reads the same path).
 *
 * Output: native/electron-<electronVersion>/better_sqlite3.node
 * Build log: native/electron-native.log
 *
 * How: copies the better-sqlite3 package (without its build/) to a temporary
 * folder and runs npm's node-gyp there against the Electron headers.
 * Skipped when the file for this Electron version exists (`--force` rebuilds).
 *
 * Usage: node scripts/electron-native.js [--force]
 * Always exits 0: `npm start` goes on and the app itself explains what is
 * missing; a failure prints one warning line saying why and where the log is.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const TAG = 'electron-native:';
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const BUILD_TIMEOUT_MS = 15 * 60 * 1000;

const root = path.resolve(import.meta.dirname, '..');
const nativeDir = path.join(root, 'native');
const logFile = path.join(nativeDir, 'electron-native.log');
const requireFromRoot = createRequire(path.join(root, 'package.json'));

function info(message) {
  console.log(`${TAG} ${message}`);
}

function warn(message) {
  console.warn(`${TAG} WARNING: ${message}`);
}

/** Folder of an installed package, or null when it is not installed. */
function packageDir(name) {
  try {
    return path.dirname(requireFromRoot.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** npm's own node-gyp, which every npm install carries; null when none is found. */
function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath && path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    packageDir('node-gyp') && path.join(packageDir('node-gyp'), 'bin', 'node-gyp.js'),
  ];
  return candidates.find((file) => typeof file === 'string' && file !== '' && fs.existsSync(file)) ?? null;
}

/** Why a build failed, in a few words, from node-gyp's output. */
function failureReason(output) {
  if (/network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|socket hang up/i.test(output)) {
    return 'cannot download the Electron headers (offline?)';
  }
  if (/Could not find any Python|not found: make|find any Visual Studio|No Xcode or CLT|command not found/i.test(output)) {
    return 'no C++ build toolchain (python3, make and a C++ compiler are needed)';
  }
  return 'node-gyp failed';
}

function build(electronVersion, sourceDir, target, nodeGyp) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-electron-native-'));
  try {
    const copy = path.join(work, 'better-sqlite3');
    fs.cpSync(sourceDir, copy, {
      recursive: true,
      filter: (file) => path.relative(sourceDir, file).split(path.sep)[0] !== 'build',
    });

    // npm passes its `nodedir` setting to node-gyp through the environment;
    // it points at Node's headers and would silently build for Node's ABI.
    const env = { ...process.env };
    delete env.npm_config_nodedir;
    delete env.NPM_CONFIG_NODEDIR;

    const args = [
      nodeGyp,
      'rebuild',
      '--release',
      '--jobs=max',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      `--dist-url=${ELECTRON_HEADERS_URL}`,
      `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
    ];
    const result = spawnSync(process.execPath, args, {
      cwd: copy,
      env,
      encoding: 'utf8',
      timeout: BUILD_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.stack}` : ''}`;
    fs.mkdirSync(nativeDir, { recursive: true });
    fs.writeFileSync(logFile, `$ node ${args.join(' ')}\n${output}\n`, 'utf8');

    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (result.error || result.status !== 0 || !fs.existsSync(built)) {
      return failureReason(output);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    fs.copyFileSync(built, tmp);
    fs.renameSync(tmp, target);
    return null;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function main() {
  const force = process.argv.includes('--force');
  const electronDir = packageDir('electron');
  const sqliteDir = packageDir('better-sqlite3');
  if (electronDir === null || sqliteDir === null) {
    warn('electron or better-sqlite3 is not installed (run `npm install`); skipped the Electron build of better-sqlite3.');
    return;
  }
  const electronVersion = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  const target = path.join(nativeDir, `electron-${electronVersion}`, 'better_sqlite3.node');
  const shown = path.relative(root, target);
  if (!force && fs.existsSync(target)) {
    info(`better-sqlite3 is already built for Electron ${electronVersion} (${shown}).`);
    return;
  }
  const nodeGyp = findNodeGyp();
  if (nodeGyp === null) {
    warn('node-gyp was not found (it comes with npm); the desktop app cannot open its databases until better-sqlite3 is built for Electron.');
    return;
  }

  info(`building better-sqlite3 for Electron ${electronVersion}; this takes a few minutes, once.`);
  const failure = build(electronVersion, sourceDirOrThrow(sqliteDir), target, nodeGyp);
  if (failure === null) {
    info(`built ${shown}.`);
  } else {
    warn(
      `could not build better-sqlite3 for Electron ${electronVersion}: ${failure}. ` +
        `The desktop app will not open its databases until this succeeds (\`node scripts/electron-native.js\`); ` +
        `the details are in ${path.relative(root, logFile)}.`,
    );
  }
}

function sourceDirOrThrow(dir) {
  if (!fs.existsSync(path.join(dir, 'binding.gyp'))) {
    throw new Error(`${dir} has no binding.gyp: better-sqlite3 is not installed from source`);
  }
  return dir;
}

try {
  main();
} catch (err) {
  warn(`could not build better-sqlite3 for Electron: ${err instanceof Error ? err.message : String(err)}`);
}
