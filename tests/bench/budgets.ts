/** The performance budgets the benchmark figures are held to (milliseconds, lower is better, unless listed in `floors`). */

/** Names of the headline figures of `npm run bench`. */
export type BudgetKey =
  | 'workspace_open_ms_p50'
  | 'doc_load_100k_updates_ms'
  | 'local_write_ms_p99'
  | 'core_start_ms'
  | 'event_loop_lag_ms_p99'
  | 'room_open_ms_p95'
  | 'message_search_ms_p95'
  | 'send_to_peer_visible_ms_p95'
  | 'renderer_dom_nodes_100k_room'
  | 'context_build_ms_p95'
  | 'agent_first_byte_ms_p95'
  | 'memory_recall_ms_p95'
  | 'memory_recall_hybrid_ms_p95'
  | 'memory_import_per_s'
  | 'backup_mb_per_s'
  | 'write_p99_ms_during_backup'
  | 'restore_s_500mb'
  | 'rebuild_from_relay_s'
  | 'markdown_render_ms_p95'
  | 'renderer_initial_js_kb_gzip'
  | 'palette_keystroke_ms_p95'
  | 'cross_workspace_reply_visible_ms_p95';

/** Upper bound of each headline figure. */
export const budgets: Readonly<Record<BudgetKey, number>> = {
  workspace_open_ms_p50: 50,
  doc_load_100k_updates_ms: 500,
  local_write_ms_p99: 2,
  core_start_ms: 150,
  event_loop_lag_ms_p99: 16,
  room_open_ms_p95: 100,
  message_search_ms_p95: 30,
  send_to_peer_visible_ms_p95: 50,
  renderer_dom_nodes_100k_room: 2_000,
  context_build_ms_p95: 20,
  agent_first_byte_ms_p95: 30,
  memory_recall_ms_p95: 10,
  memory_recall_hybrid_ms_p95: 25,
  memory_import_per_s: 20_000,
  /** A verified snapshot of a 500 MB workspace, end to end (copy in steps and quick_check). */
  backup_mb_per_s: 200,
  write_p99_ms_during_backup: 5,
  restore_s_500mb: 10,
  /** A damaged linked workspace of 100,000 messages rebuilt from its relay (fresh file, every doc synced back). */
  rebuild_from_relay_s: 30,
  /** A 2 kB GitHub-flavoured message (table, tasks, highlighted code) parsed and rendered. */
  markdown_render_ms_p95: 2,
  /** JavaScript of the renderer's first screen, gzip -9, in kB (on-demand chunks excluded). */
  renderer_initial_js_kb_gzip: 200,
  /** One keystroke in the command palette over 10,000 items: rank and render the list. */
  palette_keystroke_ms_p95: 16,
  cross_workspace_reply_visible_ms_p95: 100,
};

/** Figures where higher is better: their budget is a lower bound (a rate). */
export const floors: ReadonlySet<BudgetKey> = new Set<BudgetKey>(['memory_import_per_s', 'backup_mb_per_s']);

/** Keys whose figure in `figures` misses its budget (above it, or below it for a floor). */
export function overBudget(figures: Readonly<Record<BudgetKey, number>>): BudgetKey[] {
  return (Object.keys(budgets) as BudgetKey[]).filter((key) => (floors.has(key) ? figures[key] < budgets[key] : figures[key] > budgets[key]));
}
