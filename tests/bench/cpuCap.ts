/**
 * Caps a process at a share of one core with a Linux cgroup CPU quota, for
 * the relay's scale-out figure: on a machine of two cores, two relay nodes,
 * PostgreSQL, Redis and the load generator share the same cores, so an
 * uncapped two-node load measures the machine. Capping each node at the
 * same share makes it what a node of its own host is, a fixed amount of CPU,
 * and two nodes against one then measure whether the relay scales out
 * (whether PostgreSQL and Redis, which stay uncapped, keep up).
 *
 * cgroup v1 (`/sys/fs/cgroup/cpu`, cfs_quota_us) or v2 (`cpu.max`) with
 * write access (root, or a delegated subtree); otherwise `capCpu` says why
 * not and the bench reports only the uncapped figures.
 */
import fs from 'node:fs';
import path from 'node:path';

const PERIOD_US = 100_000;

/** A cap in place: `release` moves the process back and removes its group. */
export interface CpuCap {
  release(): void;
}

interface Hierarchy {
  root: string;
  write(group: string, cores: number): void;
}

function hierarchy(): Hierarchy | string {
  const v1 = '/sys/fs/cgroup/cpu';
  if (fs.existsSync(path.join(v1, 'cpu.cfs_quota_us'))) {
    return {
      root: v1,
      write: (group, cores) => {
        fs.writeFileSync(path.join(group, 'cpu.cfs_period_us'), String(PERIOD_US));
        fs.writeFileSync(path.join(group, 'cpu.cfs_quota_us'), String(Math.round(cores * PERIOD_US)));
      },
    };
  }
  const v2 = '/sys/fs/cgroup';
  try {
    if (fs.readFileSync(path.join(v2, 'cgroup.subtree_control'), 'utf8').split(/\s+/).includes('cpu')) {
      return { root: v2, write: (group, cores) => fs.writeFileSync(path.join(group, 'cpu.max'), `${Math.round(cores * PERIOD_US)} ${PERIOD_US}`) };
    }
  } catch {
    // Not Linux, or no cgroup v2 at its usual place.
  }
  return 'no writable cgroup CPU controller (Linux, root or a delegated cgroup needed)';
}

/** Caps process `pid` (every thread, and threads it starts later) at `cores` of one core; a string says why it could not. */
export function capCpu(pid: number, cores: number): CpuCap | string {
  const found = hierarchy();
  if (typeof found === 'string') return found;
  const group = path.join(found.root, `qwanyx-bench-${process.pid}-${pid}`);
  try {
    fs.mkdirSync(group);
    found.write(group, cores);
    fs.writeFileSync(path.join(group, 'cgroup.procs'), String(pid));
  } catch (err) {
    try {
      fs.rmdirSync(group);
    } catch {
      // Never made.
    }
    return `cannot cap a process's CPU: ${(err as Error).message}`;
  }
  return {
    release() {
      try {
        fs.writeFileSync(path.join(found.root, 'cgroup.procs'), String(pid));
      } catch {
        // The process is gone: its group is empty anyway.
      }
      try {
        fs.rmdirSync(group);
      } catch {
        // Still holding a thread that is exiting: the kernel drops the empty group's last reference later.
      }
    },
  };
}
