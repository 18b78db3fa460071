/**
 * Big benchmark fixtures, built once and kept between runs.
 *
 * A fixture is a whole data dir (registry, profile, workspace files) plus a
 * JSON description. It is stored under `QWANYX_BENCH_CACHE` (default
 * `node_modules/.cache/qwanyx-bench/`) in a folder named after a hash of what
 * decides its content: the source of the files that build it and the
 * workspace migrations. Change any of them and the next run builds it anew;
 * nothing stale is ever measured. A run copies the cached dir into its own
 * temp dir, so the benchmarks never change the cached copy.
 *
 * Written by hand rather than with a cache library: it is a directory copy
 * keyed by a hash, and its one rule (never reuse a fixture built by other
 * code) needs the key to be ours.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';
import { logProgress } from './logProgress';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DESCRIPTION = 'fixture.json';
const DATA = 'data';

/** Where cached fixtures live. */
export function benchCacheDir(): string {
  return process.env.QWANYX_BENCH_CACHE ?? path.join(ROOT, 'node_modules', '.cache', 'qwanyx-bench');
}

/** A hash of the named source files (relative to the repo root), the workspace migrations and `params`. */
export function fixtureKey(sources: readonly string[], params: unknown): string {
  const hash = crypto.createHash('sha256');
  for (const file of sources) hash.update(file).update(fs.readFileSync(path.join(ROOT, file)));
  for (const m of workspaceSchema.migrations) hash.update(JSON.stringify(m, (_k, v: unknown) => (typeof v === 'function' ? v.toString() : v)));
  hash.update(JSON.stringify(params));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Fills `dataDir` (empty) with the fixture `name`: a copy of the cached one
 * when its key matches, else `build(dataDir)` and a copy of the result into
 * the cache. `build` must return only JSON data. Returns that data and
 * whether it came from the cache.
 */
export async function cachedFixture<T>(name: string, key: string, dataDir: string, build: (dataDir: string) => Promise<T>): Promise<{ value: T; cached: boolean }> {
  const dir = path.join(benchCacheDir(), `${name}-${key}`);
  const description = path.join(dir, DESCRIPTION);
  if (fs.existsSync(description)) {
    logProgress(`${name}: copying the cached fixture from ${dir}`);
    fs.cpSync(path.join(dir, DATA), dataDir, { recursive: true });
    return { value: JSON.parse(fs.readFileSync(description, 'utf8')) as T, cached: true };
  }
  const value = await build(dataDir);
  // Older fixtures of the same name are stale: only the newest is kept.
  if (fs.existsSync(benchCacheDir())) {
    for (const entry of fs.readdirSync(benchCacheDir())) if (entry.startsWith(`${name}-`)) fs.rmSync(path.join(benchCacheDir(), entry), { recursive: true, force: true });
  }
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  fs.cpSync(dataDir, path.join(partial, DATA), { recursive: true });
  fs.writeFileSync(path.join(partial, DESCRIPTION), JSON.stringify(value));
  // The description lands last, by rename: a run killed mid-copy leaves no fixture that looks complete.
  fs.renameSync(partial, dir);
  return { value, cached: false };
}
