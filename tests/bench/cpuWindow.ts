/**
 * CPU a benchmark window was given, so a throughput figure can be judged
 * against the CPU its processes actually got: on a machine of few cores the
 * relay nodes, PostgreSQL, Redis and the load generator share them, and two
 * nodes cannot sustain twice the updates of one when one already leaves no
 * core idle. Shares are of the whole machine (1 = every core busy for the
 * whole window). The machine's busy time is read from /proc/stat (Linux; null
 * elsewhere); what is busy but neither the nodes nor the load generator is
 * PostgreSQL, Redis and whatever else runs.
 */
import fs from 'node:fs';
import os from 'node:os';

/** What `cpuWindow` reports when its window ends. */
export interface CpuWindowReport {
  cores: number;
  wallMs: number;
  /** CPU µs of the relay nodes (their processes, every thread) during the window. */
  nodesCpuUs: number;
  /** Shares of the machine (0–1): the relay nodes, this process (the load generator), and every busy core. */
  nodesShare: number;
  loadGeneratorShare: number;
  machineBusyShare: number | null;
  /** Shares of the machine of the Redis and PostgreSQL processes of this machine (every process of that name), or null off Linux. */
  servicesShare: { redis: number; postgres: number } | null;
}

/** CPU jiffies so far of the processes named `redis-server*` and `postgres*` (Linux), or null. */
function serviceJiffies(): { redis: number; postgres: number } | null {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const sums = { redis: 0, postgres: 0 };
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // pid (comm) state ppid … utime stime: comm may hold spaces, so fields are counted after its closing parenthesis.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const service = comm.startsWith('redis-server') ? 'redis' : comm.startsWith('postgres') ? 'postgres' : null;
      if (!service) continue;
      const fields = stat.slice(close + 2).split(' ');
      sums[service] += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return sums;
}

/** Busy and total CPU time of the machine since boot, in jiffies, or null off Linux. */
function machineJiffies(): { busy: number; total: number } | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { busy, total: busy + idle! + iowait! };
  } catch {
    return null;
  }
}

/** Starts a window; `end` takes the nodes' CPU µs read at its start and end (their own counters, e.g. process.cpuUsage over IPC). */
export function cpuWindow(): { end(nodesCpuUs: number): CpuWindowReport } {
  const cores = os.cpus().length;
  const started = performance.now();
  const self = process.cpuUsage();
  const machine = machineJiffies();
  const services = serviceJiffies();
  return {
    end(nodesCpuUs) {
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(self);
      const after = machineJiffies();
      const capacityUs = wallMs * 1000 * cores;
      const machineBusyShare = machine && after && after.total > machine.total ? (after.busy - machine.busy) / (after.total - machine.total) : null;
      const servicesAfter = serviceJiffies();
      // Every core's jiffies over the window: a process's jiffies over it are its share of the machine.
      const allJiffies = machine && after && after.total > machine.total ? after.total - machine.total : null;
      const servicesShare =
        services && servicesAfter && allJiffies ? { redis: (servicesAfter.redis - services.redis) / allJiffies, postgres: (servicesAfter.postgres - services.postgres) / allJiffies } : null;
      return {
        cores,
        wallMs,
        nodesCpuUs,
        nodesShare: nodesCpuUs / capacityUs,
        loadGeneratorShare: (used.user + used.system) / capacityUs,
        machineBusyShare,
        servicesShare,
      };
    },
  };
}
