/** A throwaway data dir per benchmark, removed however the benchmark ends. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs `fn` with a fresh temp dir and removes the dir afterwards. */
export async function withTempDataDir<T>(label: string, fn: (dataDir: string) => Promise<T> | T): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `qwanyx-bench-${label}-`));
  try {
    return await fn(dataDir);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
