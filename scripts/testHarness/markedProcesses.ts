/**
 * Processes of a test run, found by a marker in their environment.
 *
 * The test runner gives the command it starts an environment variable
 * holding a fresh run id; every process the tests start (relays, browser
 * hosts, browsers and their helpers, daemons) inherits it, even one that
 * left its process group or outlived its parent. After the run, whatever
 * still carries the marker is a leftover and is stopped. Nothing without the
 * marker is ever touched.
 *
 * Linux reads /proc/<pid>/environ; macOS asks `ps -E`; Windows has no way to
 * read another process's environment and finds nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** A process that carries the marker. */
export interface MarkedProcess {
  pid: number;
  /** Its command line, shortened. */
  command: string;
}

const STOP_GRACE_MS = 3_000;

/** Processes of this user whose environment holds `name=value`, this process excluded. */
export function findMarkedProcesses(name: string, value: string): MarkedProcess[] {
  const marker = `${name}=${value}`;
  if (process.platform === 'linux') return findOnLinux(marker);
  if (process.platform === 'darwin') return findWithPs(marker);
  return [];
}

function findOnLinux(marker: string): MarkedProcess[] {
  const found: MarkedProcess[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (!environ.includes(marker)) continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid: Number(entry), command: command.slice(0, 160) });
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return found;
}

function findWithPs(marker: string): MarkedProcess[] {
  let listing: string;
  try {
    listing = execFileSync('ps', ['-E', '-ww', '-x', '-o', 'pid=,command='], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return [];
  }
  const found: MarkedProcess[] = [];
  for (const line of listing.split('\n')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!match || Number(match[1]) === process.pid) continue;
    const rest = match[2]!;
    const at = rest.indexOf(` ${marker}`);
    if (at < 0) continue;
    found.push({ pid: Number(match[1]), command: rest.slice(0, Math.min(at, 160)) });
  }
  return found;
}

/**
 * Stops every process that carries the marker, except `keep`: SIGTERM, then
 * SIGKILL after a grace period. Returns the processes it found.
 */
export async function stopMarkedProcesses(name: string, value: string, keep: number[] = []): Promise<MarkedProcess[]> {
  const targets = findMarkedProcesses(name, value).filter((p) => !keep.includes(p.pid));
  if (targets.length === 0) return [];
  signal(targets, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  let alive = targets;
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const still = new Set(findMarkedProcesses(name, value).map((p) => p.pid));
    alive = alive.filter((p) => still.has(p.pid));
  }
  signal(alive, 'SIGKILL');
  return targets;
}

function signal(processes: MarkedProcess[], sig: NodeJS.Signals): void {
  for (const p of processes) {
    try {
      process.kill(p.pid, sig);
    } catch {
      // Already gone.
    }
  }
}
