/**
 * `npm run bench`: runs every benchmark and prints ONE JSON object on stdout
 * (progress goes to stderr). Each benchmark uses its own temp data dir.
 * With `--check`, exits 1 when a figure is over its budget.
 */
import { benchAgent } from './benchAgent';
import { benchBackup, type BackupBench } from './benchBackup';
import { benchBlobUpload, BLOB_UPLOAD_MB_PER_S_MIN } from './benchBlobUpload';
import { benchRebuild, type RebuildBench } from './benchRebuild';
import { benchCoreStart } from './benchCoreStart';
import { benchConsents } from './benchConsents';
import { benchConnectors, CONNECTOR_TOOL_OVERHEAD_MS_P95_MAX } from './benchConnectors';
import { benchRestConnector, REST_TOOL_OVERHEAD_MS_P95_MAX } from './benchRestConnector';
import { benchCrossWorkspaceReply } from './benchCrossWorkspaceReply';
import { benchErase } from './benchErase';
import { benchExport, EXPORT_MB_PER_S_MIN, EXPORT_PEAK_RSS_MB_MAX } from './benchExport';
import { benchRendererDom } from './benchRendererDom';
import { benchDocLoad } from './benchDocLoad';
import { benchEventLoopLag } from './benchEventLoopLag';
import { benchLocalWrite } from './benchLocalWrite';
import { measureInitialBundle } from './benchInitialBundle';
import { benchMarkdown } from './benchMarkdown';
import { benchMcp, MCP_STDIO_CALL_MS_P95_MAX } from './benchMcp';
import { benchPalette } from './benchPalette';
import { benchWorkspaceOpen } from './benchWorkspaceOpen';
import { budgets, overBudget, type BudgetKey } from './budgets';
import { buildBigMetaWorkspace } from './buildBigMetaWorkspace';
import { compactBigMeta } from './compactBigMeta';
import { benchMemory } from './benchMemory';
import { benchKnowledge } from './benchKnowledge';
import { logProgress } from './logProgress';
import { machineInfo } from './machineInfo';
import { roundMs } from './percentile';
import { benchRelayAccounts } from './relayAccountsBench';
import { clusterServices } from '../fixtures/clusterServices';
import { runRelayBench } from './relayBench';
import { benchRoomPolicy } from './relayRoomPolicyBench';
import { runRoomsBench } from './runRoomsBench';
import { withTempDataDir } from './withTempDataDir';

const BIG_DOC_UPDATES = 100_000;
const DOC_LOAD_RUNS = 5;
const WORKSPACE_OPEN_RUNS = 20;
const LOCAL_WRITES = 5_000;
const CORE_WORKSPACES = 50;
const CROSS_WORKSPACE_RUNS = 20;
const CORE_START_RUNS = 7;
const LAG_WRITES = 10_000;
const LAG_BATCH = 10;
const BACKUP_MB = 500;
const REBUILD_MESSAGES = 100_000;

/** Runs the suite and returns the report. */
export async function runBenchmarks(): Promise<Record<string, unknown>> {
  const started = performance.now();
  const machine = machineInfo();
  logProgress(`machine: ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, fsync p50/p99 ${roundMs(machine.fsyncMsP50)}/${roundMs(machine.fsyncMsP99)} ms`);

  const shipped = await withTempDataDir('big-meta-shipped', async (dataDir) => {
    logProgress(`building a meta doc of ${BIG_DOC_UPDATES} updates, written as the app writes…`);
    const id = await buildBigMetaWorkspace(dataDir, BIG_DOC_UPDATES, 'asShipped');
    logProgress('doc load…');
    return benchDocLoad(dataDir, id, DOC_LOAD_RUNS);
  });
  const big = await withTempDataDir('big-meta', async (dataDir) => {
    logProgress(`building a meta doc of ${BIG_DOC_UPDATES} updates, never compacted…`);
    const id = await buildBigMetaWorkspace(dataDir, BIG_DOC_UPDATES, 'uncompacted');
    logProgress('doc load from uncompacted updates…');
    const load = benchDocLoad(dataDir, id, DOC_LOAD_RUNS);
    logProgress('compacting…');
    const compaction = compactBigMeta(dataDir, id);
    logProgress('workspace open…');
    const open = await benchWorkspaceOpen(dataDir, id, WORKSPACE_OPEN_RUNS);
    return { load, compaction, open };
  });

  logProgress('local writes…');
  const write = await withTempDataDir('write', (dataDir) => benchLocalWrite(dataDir, LOCAL_WRITES));
  logProgress('event-loop lag under write load…');
  const lag = await withTempDataDir('lag', (dataDir) => benchEventLoopLag(dataDir, LAG_WRITES, LAG_BATCH));
  logProgress('event-loop lag, one write per macrotask…');
  const lagSingle = await withTempDataDir('lag1', (dataDir) => benchEventLoopLag(dataDir, LAG_WRITES, 1));
  logProgress('core start…');
  const core = await withTempDataDir('core', (dataDir) => benchCoreStart(dataDir, CORE_WORKSPACES, CORE_START_RUNS));
  const rooms = await runRoomsBench();
  logProgress('renderer at 100,000 messages…');
  const dom = await withTempDataDir('dom', (dataDir) => benchRendererDom(dataDir));
  logProgress('agent runtime…');
  const agent = await withTempDataDir('agent', (dataDir) => benchAgent(dataDir));
  logProgress('memory…');
  const memory = await benchMemory();
  logProgress('knowledge…');
  const knowledge = await benchKnowledge();
  logProgress('backups…');
  const backup = await runBackupGroup();
  logProgress('markdown…');
  const markdown = await benchMarkdown();
  logProgress('command palette…');
  const palette = await benchPalette();
  const bundle = measureInitialBundle();
  logProgress('a reply finished in another workspace…');
  const live = await withTempDataDir('live', (dataDir) => benchCrossWorkspaceReply(dataDir, CROSS_WORKSPACE_RUNS));

  const figures: Record<BudgetKey, number> = {
    workspace_open_ms_p50: roundMs(big.open.p50Ms),
    doc_load_100k_updates_ms: roundMs(shipped.medianMs),
    local_write_ms_p99: roundMs(write.room.p99Ms),
    core_start_ms: roundMs(core.medianMs),
    event_loop_lag_ms_p99: roundMs(lag.p99Ms),
    room_open_ms_p95: roundMs(rooms.open.p95Ms),
    message_search_ms_p95: roundMs(rooms.search.p95Ms),
    send_to_peer_visible_ms_p95: roundMs(rooms.peer.p95Ms),
    renderer_dom_nodes_100k_room: dom.maxNodes,
    context_build_ms_p95: roundMs(agent.contextBuild.p95Ms),
    agent_first_byte_ms_p95: roundMs(agent.firstByte.p95Ms),
    memory_recall_ms_p95: roundMs(memory.recall.p95Ms),
    memory_recall_hybrid_ms_p95: roundMs(memory.hybrid.p95Ms),
    memory_import_per_s: memory.importPerSecond,
    ...backupFigures(backup),
    markdown_render_ms_p95: roundMs(markdown.p95Ms),
    renderer_initial_js_kb_gzip: Math.round(bundle.kbGzip * 10) / 10,
    palette_keystroke_ms_p95: roundMs(palette.p95Ms),
    cross_workspace_reply_visible_ms_p95: roundMs(live.p95Ms),
  };
  return {
    ...figures,
    // No budget was set for it: reported, not checked.
    knowledge_search_ms_p95: roundMs(knowledge.search.p95Ms),
    budgets,
    machine: { ...machine, fsyncMsP50: roundMs(machine.fsyncMsP50), fsyncMsP99: roundMs(machine.fsyncMsP99) },
    details: {
      over_budget: overBudget(figures),
      cross_workspace_reply: live,
      workspace_open_ms_p95: roundMs(big.open.p95Ms),
      workspace_open_first_after_compaction_ms: roundMs(big.open.firstOpenMs),
      workspace_open_via_service_ms_p50: roundMs(big.open.serviceP50Ms),
      doc_load_samples_ms: shipped.samplesMs.map(roundMs),
      doc_load_pending_updates: shipped.pendingUpdates,
      // The worst case: a log of 100k updates never folded into a snapshot (replayed one by one).
      doc_load_100k_uncompacted_ms: roundMs(big.load.medianMs),
      doc_load_uncompacted_samples_ms: big.load.samplesMs.map(roundMs),
      doc_load_uncompacted_pending_updates: big.load.pendingUpdates,
      compact_100k_updates_ms: roundMs(big.compaction.compactMs),
      compact_100k_merged: big.compaction.merged,
      meta_snapshot_bytes: big.compaction.snapshotBytes,
      meta_struct_count: big.compaction.structCount,
      meta_doc_decode_after_open_ms_p50: roundMs(big.open.metaDecodeP50Ms),
      local_write_room_ms: roundAll(write.room),
      local_write_meta_ms: roundAll(write.meta),
      log_append_only_ms: roundAll(write.logAppend),
      event_loop_lag: roundAll(lag),
      event_loop_lag_one_write_per_task: roundAll(lagSingle),
      core_start_samples_ms: core.samplesMs.map(roundMs),
      core_start_and_open_active_ms: roundMs(core.startAndOpenActiveMedianMs),
      rooms_fixture: { ...rooms.fixture, buildMs: Math.round(rooms.fixture.buildMs) },
      room_open: roundAll(rooms.open),
      message_search: { ...roundAll(rooms.search), byKindP95Ms: roundAll(rooms.search.byKindP95Ms) },
      send_to_peer_visible: roundAll(rooms.peer),
      renderer_walk_100k_room: dom,
      context_build: roundAll(agent.contextBuild),
      agent_first_byte: roundAll(agent.firstByte),
      memory: {
        memories: memory.memories,
        import_ms: Math.round(memory.importMs),
        recall: roundAll(memory.recall),
        recall_hybrid: roundAll(memory.hybrid),
        vectors: memory.vectors,
        embed_all_ms: Math.round(memory.embedAllMs),
      },
      knowledge: {
        documents: knowledge.documents,
        passages: knowledge.chunks,
        import_ms: Math.round(knowledge.importMs),
        search: roundAll(knowledge.search),
      },
      backup: backupDetails(backup),
      markdown_render: roundAll(markdown),
      initial_js_files: bundle.files,
      palette_keystroke: roundAll(palette),
      total_run_ms: Math.round(performance.now() - started),
    },
  };
}

type BackupKey = 'backup_mb_per_s' | 'write_p99_ms_during_backup' | 'restore_s_500mb' | 'rebuild_from_relay_s';

interface BackupGroup {
  backup: BackupBench;
  rebuild: RebuildBench;
}

/** The backup group: a 500 MB workspace's snapshot and restore, then a rebuild from the relay at 100,000 messages. */
async function runBackupGroup(): Promise<BackupGroup> {
  const backup = await withTempDataDir('backup', (dataDir) => benchBackup(dataDir, BACKUP_MB));
  logProgress(`rebuilding a workspace of ${REBUILD_MESSAGES} messages from its relay…`);
  const rebuild = await withTempDataDir('rebuild', (dataDir) => benchRebuild(dataDir, REBUILD_MESSAGES));
  return { backup, rebuild };
}

function backupFigures({ backup, rebuild }: BackupGroup): Record<BackupKey, number> {
  return {
    backup_mb_per_s: Math.round(backup.backupMbPerS),
    write_p99_ms_during_backup: roundMs(backup.writes.duringBackup.p99Ms),
    restore_s_500mb: Math.round(backup.restoreMs) / 1000,
    rebuild_from_relay_s: Math.round(rebuild.rebuildMs / 100) / 10,
  };
}

function backupDetails({ backup, rebuild }: BackupGroup): Record<string, unknown> {
  return {
    workspace_mb: Math.round(backup.workspaceMb),
    snapshot_ms: Math.round(backup.backupMs),
    writes_during_backup_ms: roundAll(backup.writes.duringBackup),
    writes_without_backup_ms: roundAll(backup.writes.baseline),
    rebuild_messages: rebuild.messages,
    rebuild_rooms: rebuild.rooms,
    rebuild_workspace_mb: Math.round(rebuild.workspaceMb),
    rebuild_upload_ms: Math.round(rebuild.uploadMs),
  };
}

function roundAll<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? roundMs(v) : v])) as T;
}

async function main(): Promise<void> {
  if (process.argv.includes('relay-accounts')) {
    // `npm run bench -- relay-accounts`: sign-in, device token checks, WebSocket admission with a device token, and how fast a revocation closes sockets.
    // Accounts in SQLite (one node), then in PostgreSQL with Redis when they answer (figures suffixed _pg).
    const figures: Record<string, unknown> = { ...(await withTempDataDir('relay-accounts', (dataDir) => benchRelayAccounts(dataDir))) };
    const services = await clusterServices();
    if (typeof services === 'string') figures.relay_accounts_pg_skipped = services;
    else {
      const pg = await withTempDataDir('relay-accounts-pg', (dataDir) => benchRelayAccounts(dataDir, { databaseUrl: services.databaseUrl, redisUrl: services.redisUrl }));
      for (const [key, value] of Object.entries(pg)) figures[`${key}_pg`] = value;
    }
    process.stdout.write(`${JSON.stringify({ ...figures, machine: machineInfo() }, null, 2)}\n`);
    return;
  }
  if (process.argv.includes('relay-room-policy')) {
    // `npm run bench -- relay-room-policy`: only the room policy's check cost and its overhead, on ÷ off (tests/bench/relayRoomPolicyBench.ts).
    const room = await benchRoomPolicy();
    process.stdout.write(`${JSON.stringify({ ...room, machine: machineInfo() }, null, 2)}\n`);
    const over = (room.relay_room_policy_details as { over_budget: string[] }).over_budget;
    if (over.length > 0) logProgress(`over budget: ${over.join(', ')}`);
    if (process.argv.includes('--check') && over.length > 0) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('relay')) {
    // `npm run bench -- relay`: the relay against the reference server (tests/bench/relayBench.ts).
    const relay = await runRelayBench();
    process.stdout.write(`${JSON.stringify(relay, null, 2)}\n`);
    const overRelay = (relay.relay_details as { over_budget: string[] }).over_budget;
    if (overRelay.length > 0) logProgress(`over budget: ${overRelay.join(', ')}`);
    if (process.argv.includes('--check') && overRelay.length > 0) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('rest-connector')) {
    // `npm run bench -- rest-connector`: one read tool call of an EspoCRM connection (HMAC) against the fake EspoCRM: gate + audit + HTTP (tests/bench/benchRestConnector.ts).
    const rest = await benchRestConnector();
    process.stdout.write(`${JSON.stringify({ ...rest, budgets: { rest_tool_overhead_ms_p95: REST_TOOL_OVERHEAD_MS_P95_MAX }, machine: machineInfo() }, null, 2)}\n`);
    if (process.argv.includes('--check') && rest.rest_tool_overhead_ms_p95 > REST_TOOL_OVERHEAD_MS_P95_MAX) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('connectors')) {
    // `npm run bench -- connectors`: one read tool call of the GitHub connector against the fake GitHub API: gate + audit + HTTP (tests/bench/benchConnectors.ts).
    const connectors = await benchConnectors();
    process.stdout.write(`${JSON.stringify({ ...connectors, budgets: { connector_tool_overhead_ms_p95: CONNECTOR_TOOL_OVERHEAD_MS_P95_MAX }, machine: machineInfo() }, null, 2)}\n`);
    if (process.argv.includes('--check') && connectors.connector_tool_overhead_ms_p95 > CONNECTOR_TOOL_OVERHEAD_MS_P95_MAX) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('erase')) {
    // `npm run bench -- erase`: erasing a member from a workspace of 1,000,000 messages, at the relay and on a device (tests/bench/benchErase.ts).
    const erase = await benchErase();
    process.stdout.write(`${JSON.stringify({ ...erase, budgets: { erase_member_s: 30 }, machine: machineInfo() }, null, 2)}\n`);
    if (process.argv.includes('--check') && erase.erase_member_s > 30) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('consents')) {
    // `npm run bench -- consents`: forgetting what was learnt from a member who declines (tests/bench/benchConsents.ts).
    process.stdout.write(`${JSON.stringify({ ...(await benchConsents()), machine: machineInfo() }, null, 2)}\n`);
    return;
  }
  if (process.argv.includes('mcp')) {
    // `npm run bench -- mcp`: one tool call of the npm memory MCP server over stdio, through the core (tests/bench/benchMcp.ts).
    const mcp = await benchMcp();
    process.stdout.write(`${JSON.stringify({ ...mcp, budgets: { mcp_stdio_call_ms_p95: MCP_STDIO_CALL_MS_P95_MAX }, machine: machineInfo() }, null, 2)}\n`);
    if (process.argv.includes('--check') && mcp.mcp_stdio_call_ms_p95 > MCP_STDIO_CALL_MS_P95_MAX) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('backup')) {
    // `npm run bench -- backup`: only the backup figures.
    const backup = await runBackupGroup();
    const figures = backupFigures(backup);
    const over = (Object.keys(figures) as BackupKey[]).filter((key) => overBudget({ ...budgets, [key]: figures[key] }).includes(key));
    process.stdout.write(`${JSON.stringify({ ...figures, budgets: { backup_mb_per_s: budgets.backup_mb_per_s, write_p99_ms_during_backup: budgets.write_p99_ms_during_backup, restore_s_500mb: budgets.restore_s_500mb, rebuild_from_relay_s: budgets.rebuild_from_relay_s }, machine: machineInfo(), details: { over_budget: over, backup: backupDetails(backup) } }, null, 2)}\n`);
    if (over.length > 0) logProgress(`over budget: ${over.join(', ')}`);
    if (process.argv.includes('--check') && over.length > 0) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('live')) {
    // `npm run bench -- live`: only a reply finished in another workspace, seen on going back.
    const live = await withTempDataDir('live', (dataDir) => benchCrossWorkspaceReply(dataDir, CROSS_WORKSPACE_RUNS));
    const figure = { cross_workspace_reply_visible_ms_p95: roundMs(live.p95Ms) };
    process.stdout.write(`${JSON.stringify({ ...figure, budgets: { cross_workspace_reply_visible_ms_p95: budgets.cross_workspace_reply_visible_ms_p95 }, machine: machineInfo(), details: { cross_workspace_reply: live } }, null, 2)}\n`);
    if (process.argv.includes('--check') && live.p95Ms > budgets.cross_workspace_reply_visible_ms_p95) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('export')) {
    // `npm run bench -- export`: a workspace of 100,000 messages and 1 GB of files exported to a zip, in a child process (tests/bench/benchExport.ts).
    const exported = await benchExport();
    const over = exported.export_mb_per_s < EXPORT_MB_PER_S_MIN || exported.export_peak_rss_mb > EXPORT_PEAK_RSS_MB_MAX;
    process.stdout.write(`${JSON.stringify({ export_mb_per_s: exported.export_mb_per_s, export_peak_rss_mb: exported.export_peak_rss_mb, budgets: { export_mb_per_s_min: EXPORT_MB_PER_S_MIN, export_peak_rss_mb_max: EXPORT_PEAK_RSS_MB_MAX }, machine: machineInfo(), details: exported }, null, 2)}\n`);
    if (process.argv.includes('--check') && over) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('files')) {
    // `npm run bench -- files`: a 100 MB file uploaded to a relay on loopback (tests/bench/benchBlobUpload.ts).
    const files = await withTempDataDir('files', (dataDir) => benchBlobUpload(dataDir));
    process.stdout.write(`${JSON.stringify({ blob_upload_mb_per_s: files.blob_upload_mb_per_s, budgets: { blob_upload_mb_per_s_min: BLOB_UPLOAD_MB_PER_S_MIN }, machine: machineInfo(), details: files }, null, 2)}\n`);
    if (process.argv.includes('--check') && files.blob_upload_mb_per_s < BLOB_UPLOAD_MB_PER_S_MIN) process.exitCode = 1;
    return;
  }
  if (process.argv.includes('ui')) {
    // `npm run bench -- ui`: only the renderer's figures (first-screen JavaScript, markdown rendering, palette keystrokes).
    const bundle = measureInitialBundle();
    const markdown = await benchMarkdown();
    const palette = await benchPalette();
    const figures = { renderer_initial_js_kb_gzip: Math.round(bundle.kbGzip * 10) / 10, markdown_render_ms_p95: roundMs(markdown.p95Ms), palette_keystroke_ms_p95: roundMs(palette.p95Ms) };
    const over = (Object.keys(figures) as BudgetKey[]).filter((key) => overBudget({ ...budgets, ...figures }).includes(key));
    process.stdout.write(`${JSON.stringify({ ...figures, budgets: { renderer_initial_js_kb_gzip: budgets.renderer_initial_js_kb_gzip, markdown_render_ms_p95: budgets.markdown_render_ms_p95, palette_keystroke_ms_p95: budgets.palette_keystroke_ms_p95 }, machine: machineInfo(), details: { over_budget: over, initial_js_files: bundle.files, markdown_render: roundAll(markdown), palette_keystroke: roundAll(palette) } }, null, 2)}\n`);
    if (process.argv.includes('--check') && over.length > 0) process.exitCode = 1;
    return;
  }
  const report = await runBenchmarks();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const over = (report.details as { over_budget: string[] }).over_budget;
  if (over.length > 0) logProgress(`over budget: ${over.join(', ')}`);
  if (process.argv.includes('--check') && over.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
