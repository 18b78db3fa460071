/**
 * Relay figures of several nodes and of many idle sockets (part of
 * `npm run bench -- relay`), each node a child process:
 *
 * - `relay_cross_node_propagation_ms_p99`: a stock writer on node one, a
 *   stock reader on node two (PostgreSQL + Redis), 1,000 small updates one
 *   at a time; writer's edit to reader's update event. Median of 5 rounds,
 *   after the same unmeasured warm-up as the single-node figure
 *   (SERVER_WARMUP_UPDATES, across the nodes; reported as
 *   `cross_node_cold_warmup_ms`).
 * - `relay_updates_per_s_1_node` / `_2_nodes`: `WRITERS` qwanyx.v1 writers,
 *   each on a doc of its own with up to `WINDOW` updates unacknowledged,
 *   for `LOAD_MS`; durable acks per second, all writers on one node, then
 *   half on each of two (both cluster nodes on the same PostgreSQL and
 *   Redis). `relay_updates_per_s_2_nodes_ratio` is two ÷ one.
 * - `relay_cpu_us_per_update_1_node` / `_2_nodes`: CPU time of the relay
 *   node processes (both of them, summed, with two) per update acknowledged
 *   in those loads; `relay_load_generator_cpu_share_*` the share of the
 *   machine's cores the load generator (this process) used meanwhile. With
 *   the nodes' share, the machine's busy share and what is left to
 *   PostgreSQL and Redis (details: `updates_per_s_cpu_shares`, cpuWindow.ts),
 *   they tell whether the two-node ratio was bounded by the relay or by the
 *   cores: two nodes cannot double what one does when one leaves none idle.
 * - `relay_updates_per_s_1_node_capped` / `_2_nodes_capped` and their ratio:
 *   each node capped at NODE_CPU_CAP_CORES of a core (cpuCap.ts: a cgroup
 *   CPU quota), as a node of a host of its own has a fixed amount of CPU;
 *   PostgreSQL, Redis and the load generator are not capped. One node with
 *   `WRITERS` writers, two with `WRITERS` each: the same load per node, as
 *   when a node is added for more clients (both runs keep their nodes at
 *   their cap). Two nodes sharing `WRITERS` writers are in the details: each
 *   then gets half the load, its group commits hold fewer updates, and an
 *   update costs it more CPU. Medians of CAPPED_ROUNDS alternating rounds.
 *   Absent, with the reason in the details, where the cap cannot be set
 *   (not Linux, no write access to a cgroup CPU controller).
 * - `relay_mem_mb_per_idle_conn_10k`: one node (SQLite), RSS after a GC
 *   after 1,000 warm-up connections and after 10,000 more idle ones on one
 *   doc; the slope.
 *
 * Without reachable PostgreSQL and Redis the two-node figures are absent
 * and `relay_cluster_skipped` says why.
 */
import path from 'node:path';
import * as Y from 'yjs';
import { writeUpdateFrame } from '../../src-main/common/syncFrames';
import { clusterServices } from '../fixtures/clusterServices';
import { logProgress } from './logProgress';
import { median, roundMs } from './percentile';
import { openAckWriter, type AckWriter } from './relayAckBench';
import { openRawPeers, spawnBenchServer, type BenchServer } from './relayBenchClients';
import { cpuWindow, type CpuWindowReport } from './cpuWindow';
import { capCpu, type CpuCap } from './cpuCap';
import { withTempDataDir } from './withTempDataDir';
import { propagation, SERVER_WARMUP_UPDATES } from './relayBenchScenarios';

const PROPAGATION_UPDATES = 1000;
const ROUNDS = 5;
const WRITERS = 16;
const WINDOW = 8;
const LOAD_MS = 5000;
/** Each node's CPU in the capped loads, in cores: two nodes take 0.8 of this machine's 2, PostgreSQL, Redis and the load the rest. */
export const NODE_CPU_CAP_CORES = 0.4;
const CAPPED_ROUNDS = 5;
const CAPPED_LOAD_MS = 4000;
const IDLE_WARMUP = 1000;
const IDLE_CONNECTIONS = 10_000;

/** ms from an edit on one node to the update event on the other (p50, p99). */
async function crossNodePropagation(one: BenchServer, two: BenchServer, docName: string, updates = PROPAGATION_UPDATES): Promise<{ p50: number; p99: number }> {
  const { p50, p99 } = await propagation(one, docName, undefined, updates, two);
  return { p50, p99 };
}

/** Pre-encoded update frames of one writer: each appends one character to its text. */
function frames(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(writeUpdateFrame(u)));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, 'x');
  return out;
}

/** Updates per second of a load, and the CPU it got. */
interface LoadResult {
  perSecond: number;
  /** CPU µs of the nodes (summed) per update acknowledged. */
  cpuUsPerUpdate: number;
  cpu: CpuWindowReport;
}

/** The nodes' CPU time so far, summed, in µs. */
async function nodesCpu(servers: BenchServer[]): Promise<number> {
  const each = await Promise.all(servers.map((s) => s.cpuMicros()));
  return each.reduce((sum, us) => sum + us, 0);
}

/** Durable acks per second with `WRITERS` writers spread over `servers`, each keeping `WINDOW` updates in flight, and the CPU it took. */
export async function updatesPerSecond(servers: BenchServer[], label: string, loadMs = LOAD_MS, writerCount = WRITERS): Promise<LoadResult> {
  const writers: AckWriter[] = [];
  for (let i = 0; i < writerCount; i++) {
    const server = servers[i % servers.length]!;
    writers.push(await openAckWriter(server.wsBase, server.token, `room/bench-load-${label}-${i}`));
  }
  const pool = frames(20_000);
  let stop = false;
  let acked = 0;
  const run = async (writer: AckWriter): Promise<void> => {
    let sent = 0;
    while (!stop && sent < pool.length) {
      while (sent - writer.durable < WINDOW && sent < pool.length) writer.ws.send(pool[sent++]!);
      const before = writer.durable;
      await writer.acked(before + 1);
      acked += writer.durable - before;
    }
  };
  const cpuBefore = await nodesCpu(servers);
  const window = cpuWindow();
  const started = performance.now();
  const runs = writers.map(run);
  await new Promise((resolve) => setTimeout(resolve, loadMs));
  stop = true;
  const elapsed = performance.now() - started;
  const done = acked;
  const cpu = window.end((await nodesCpu(servers)) - cpuBefore);
  await Promise.all(runs);
  for (const w of writers) w.close();
  return { perSecond: (done * 1000) / elapsed, cpuUsPerUpdate: cpu.nodesCpuUs / Math.max(1, done), cpu };
}

/** The CPU shares of a load, rounded, for the details. */
function shares(cpu: CpuWindowReport): Record<string, number | null> {
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    relay_nodes: r(cpu.nodesShare),
    load_generator: r(cpu.loadGeneratorShare),
    machine_busy: cpu.machineBusyShare === null ? null : r(cpu.machineBusyShare),
    redis: cpu.servicesShare === null ? null : r(cpu.servicesShare.redis),
    postgres: cpu.servicesShare === null ? null : r(cpu.servicesShare.postgres),
    // Redis, PostgreSQL and anything else running.
    other: cpu.machineBusyShare === null ? null : r(Math.max(0, cpu.machineBusyShare - cpu.nodesShare - cpu.loadGeneratorShare)),
  };
}

/** RSS slope per idle connection at 10,000 connections on one doc of one node. */
async function idleMemory10k(): Promise<number> {
  return withTempDataDir('relay-idle-10k', async (dataDir) => {
    const server = await spawnBenchServer('ours', dataDir);
    try {
      const warm = await openRawPeers(server, IDLE_WARMUP, () => 'room/bench-idle');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = await server.memory();
      const peers = await openRawPeers(server, IDLE_CONNECTIONS, () => 'room/bench-idle');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = await server.memory();
      for (const p of [...warm, ...peers]) p.close();
      return (after.rss - before.rss) / 2 ** 20 / IDLE_CONNECTIONS;
    } finally {
      await server.stop();
    }
  });
}

/**
 * The scale-out loads, each node capped at NODE_CPU_CAP_CORES (see the header): one node with
 * WRITERS writers, two with WRITERS each (the same load per node: what adding a node is for), and,
 * for the details, two sharing WRITERS (half the load each: smaller group commits, more CPU per
 * update). CAPPED_ROUNDS rounds, alternating; medians.
 */
async function cappedLoads(one: BenchServer, two: BenchServer, run: string, details: Record<string, unknown>): Promise<Record<string, number>> {
  const rounds: Record<'one' | 'two' | 'twoSameTotal', LoadResult[]> = { one: [], two: [], twoSameTotal: [] };
  for (let round = 0; round < CAPPED_ROUNDS; round++) {
    logProgress(`relay (cluster): nodes capped at ${NODE_CPU_CAP_CORES} core, round ${round + 1}/${CAPPED_ROUNDS}…`);
    rounds.one.push(await updatesPerSecond([one], `${run}-c1-${round}`, CAPPED_LOAD_MS, WRITERS));
    rounds.two.push(await updatesPerSecond([one, two], `${run}-c2-${round}`, CAPPED_LOAD_MS, WRITERS * 2));
    rounds.twoSameTotal.push(await updatesPerSecond([one, two], `${run}-c2s-${round}`, CAPPED_LOAD_MS, WRITERS));
  }
  const perSecond = (key: keyof typeof rounds): number => median(rounds[key].map((r) => r.perSecond));
  const cpuPerUpdate = (key: keyof typeof rounds): number => Math.round(median(rounds[key].map((r) => r.cpuUsPerUpdate)));
  const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
  details.node_cpu_cap_cores = NODE_CPU_CAP_CORES;
  details.capped_load = { writers_per_node: WRITERS, window: WINDOW, seconds: CAPPED_LOAD_MS / 1000, rounds: CAPPED_ROUNDS };
  details.capped_updates_per_s_rounds = Object.fromEntries(Object.entries(rounds).map(([key, list]) => [key, list.map((r) => Math.round(r.perSecond))]));
  details.capped_cpu_us_per_update = { one_node: cpuPerUpdate('one'), two_nodes: cpuPerUpdate('two'), two_nodes_same_total: cpuPerUpdate('twoSameTotal') };
  details.capped_two_nodes_same_total_writers = { updates_per_s: Math.round(perSecond('twoSameTotal')), ratio: ratio(perSecond('twoSameTotal'), perSecond('one')) };
  details.updates_per_s_capped_cpu_shares = { one_node: shares(rounds.one.at(-1)!.cpu), two_nodes: shares(rounds.two.at(-1)!.cpu) };
  return {
    relay_updates_per_s_1_node_capped: Math.round(perSecond('one')),
    relay_updates_per_s_2_nodes_capped: Math.round(perSecond('two')),
    relay_updates_per_s_2_nodes_capped_ratio: ratio(perSecond('two'), perSecond('one')),
  };
}

/** The cluster and idle-connection figures, with details. */
export async function runRelayClusterBench(): Promise<{ figures: Record<string, number>; details: Record<string, unknown> }> {
  const figures: Record<string, number> = {};
  const details: Record<string, unknown> = {};
  logProgress(`relay (ours): memory per idle connection at ${IDLE_CONNECTIONS}…`);
  figures.relay_mem_mb_per_idle_conn_10k = Math.round((await idleMemory10k()) * 1e5) / 1e5;

  const services = await clusterServices();
  if (typeof services === 'string') {
    details.cluster_skipped = services;
    return { figures, details };
  }
  const env = { RELAY_DATABASE_URL: services.databaseUrl, RELAY_REDIS_URL: services.redisUrl };
  await withTempDataDir('relay-cluster', async (dataDir) => {
    const dir = path.join(dataDir, 'shared');
    const one = await spawnBenchServer('ours', dir, env);
    const two = await spawnBenchServer('ours', dir, env);
    try {
      const run = `${Date.now().toString(36)}`;
      const rounds: { p50: number; p99: number }[] = [];
      const sameNode: { p50: number; p99: number }[] = [];
      // Fresh nodes: their first updates run unoptimized code (see SERVER_WARMUP_UPDATES).
      logProgress(`relay (cluster): cross-node warm-up, ${SERVER_WARMUP_UPDATES} updates…`);
      const cold = await crossNodePropagation(one, two, `room/bench-cross-${run}-warmup`, SERVER_WARMUP_UPDATES);
      details.cross_node_cold_warmup_ms = { p50: roundMs(cold.p50), p99: roundMs(cold.p99) };
      for (let round = 0; round < ROUNDS; round++) {
        logProgress(`relay (cluster): cross-node propagation, round ${round + 1}/${ROUNDS}…`);
        rounds.push(await crossNodePropagation(one, two, `room/bench-cross-${run}-${round}`));
        sameNode.push(await crossNodePropagation(one, one, `room/bench-same-${run}-${round}`));
      }
      figures.relay_cross_node_propagation_ms_p50 = roundMs(median(rounds.map((r) => r.p50)));
      figures.relay_cross_node_propagation_ms_p99 = roundMs(median(rounds.map((r) => r.p99)));
      details.cross_node_propagation_rounds_ms = rounds.map((r) => ({ p50: roundMs(r.p50), p99: roundMs(r.p99) }));
      details.same_node_propagation_in_cluster_rounds_ms = sameNode.map((r) => ({ p50: roundMs(r.p50), p99: roundMs(r.p99) }));
      logProgress('relay (cluster): warm-up load on both nodes…');
      await updatesPerSecond([one, two], `${run}-warm`, 1500);
      logProgress('relay (cluster): updates per second, one node…');
      const single = await updatesPerSecond([one], `${run}-one`);
      logProgress('relay (cluster): updates per second, two nodes…');
      const double = await updatesPerSecond([one, two], `${run}-two`);
      figures.relay_updates_per_s_1_node = Math.round(single.perSecond);
      figures.relay_updates_per_s_2_nodes = Math.round(double.perSecond);
      figures.relay_updates_per_s_2_nodes_ratio = Math.round((double.perSecond / single.perSecond) * 100) / 100;
      figures.relay_cpu_us_per_update_1_node = Math.round(single.cpuUsPerUpdate);
      figures.relay_cpu_us_per_update_2_nodes = Math.round(double.cpuUsPerUpdate);
      figures.relay_load_generator_cpu_share_1_node = Math.round(single.cpu.loadGeneratorShare * 1000) / 1000;
      figures.relay_load_generator_cpu_share_2_nodes = Math.round(double.cpu.loadGeneratorShare * 1000) / 1000;
      details.updates_per_s_load = { writers: WRITERS, window: WINDOW, seconds: LOAD_MS / 1000, storage: 'postgresql + redis, both nodes', cores: single.cpu.cores };
      details.updates_per_s_cpu_shares = { one_node: shares(single.cpu), two_nodes: shares(double.cpu) };
      const caps = [one, two].map((node) => capCpu(node.pid, NODE_CPU_CAP_CORES));
      try {
        const refused = caps.find((cap): cap is string => typeof cap === 'string');
        if (refused) details.capped_skipped = refused;
        else Object.assign(figures, await cappedLoads(one, two, run, details));
      } finally {
        for (const cap of caps) if (typeof cap !== 'string') (cap as CpuCap).release();
      }
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
  });
  return { figures, details };
}
