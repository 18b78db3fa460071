/** What the benchmarks ran on, so reports from different machines can be compared. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile } from './percentile';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  arch: string;
  totalMemoryMb: number;
  /** fdatasync after appending 4 KiB (one WAL frame) to a file in the temp dir: the floor under every durable write. */
  fsyncMsP50: number;
  fsyncMsP99: number;
}

/** Describes this machine, measuring the temp dir's fsync latency on the way. */
export function machineInfo(): MachineInfo {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    ...measureFsync(500),
  };
}

function measureFsync(rounds: number): { fsyncMsP50: number; fsyncMsP99: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-bench-fsync-'));
  const fd = fs.openSync(path.join(dir, 'probe'), 'w');
  const frame = Buffer.alloc(4096 + 24, 0x5a);
  try {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      fs.writeSync(fd, frame);
      const start = performance.now();
      fs.fdatasyncSync(fd);
      samples.push(performance.now() - start);
    }
    return { fsyncMsP50: percentile(samples, 50), fsyncMsP99: percentile(samples, 99) };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
