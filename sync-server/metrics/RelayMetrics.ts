/**
 * Counters and gauges of the relay, rendered as Prometheus text for
 * `GET /metrics`. Counters are plain fields (the WebSocket hot path bumps
 * them on every frame); gauges are read from their owners when rendered.
 */

/** Why a frame was refused; each is a label of `relay_rejected_frames_total`. */
export type RejectReason = 'malformed' | 'too_large' | 'rate_limited' | 'text_frame';

/**
 * Why the relay refused a connection or a write under its policies and caps
 * (docs/relay-api.md "Policies and caps"); each is a label of `relay_policy_refusals_total`.
 */
export type PolicyRefusalReason = 'unknown_doc' | 'append_only' | 'forbidden_write' | 'not_readable' | 'too_many_sockets' | 'too_many_docs' | 'writer_quota' | 'workspace_quota';

/** Why an authentication failed; each is a label of `relay_auth_failures_total`. */
export type AuthFailureReason = 'bad_token' | 'forbidden' | 'bad_code' | 'bad_device_token';

/** Live values the metrics read when rendered. */
export interface MetricGauges {
  connections(): number;
  pendingAuth(): number;
  docsLoaded(): number;
}

export class RelayMetrics {
  /** Updates appended to the durable log. */
  updatesStored = 0;
  /** Group commits of the durable log (each holds every update that arrived meanwhile). */
  logCommits = 0;
  /** Updates from other relay nodes applied to docs held here. */
  remoteUpdates = 0;
  /** Copies of other nodes' updates not stored here: their node had marked them committed. */
  copiesSkipped = 0;
  /** Update messages dropped because the connection is read-only. */
  readOnlyDropped = 0;
  /** WebSocket payload bytes received and sent. */
  bytesIn = 0;
  bytesOut = 0;
  /** WebSocket connections accepted since start (authenticated or not). */
  connectionsOpened = 0;
  compactions = 0;
  /** In-memory docs rebuilt from the log after Yjs threw on an update that decoded. */
  docReloads = 0;
  private readonly rejected = new Map<RejectReason, number>();
  private readonly authFailures = new Map<AuthFailureReason, number>();
  private readonly policyRefusals = new Map<PolicyRefusalReason, number>();
  private readonly httpRequests = new Map<number, number>();

  constructor(private readonly gauges: MetricGauges) {}

  rejectFrame(reason: RejectReason): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  policyRefusal(reason: PolicyRefusalReason): void {
    this.policyRefusals.set(reason, (this.policyRefusals.get(reason) ?? 0) + 1);
  }

  authFailure(reason: AuthFailureReason): void {
    this.authFailures.set(reason, (this.authFailures.get(reason) ?? 0) + 1);
  }

  httpRequest(status: number): void {
    this.httpRequests.set(status, (this.httpRequests.get(status) ?? 0) + 1);
  }

  /** Total of `relay_rejected_frames_total` over every reason. */
  rejectedFrames(): number {
    let total = 0;
    for (const n of this.rejected.values()) total += n;
    return total;
  }

  /** The Prometheus text exposition of every metric. */
  render(): string {
    const memory = process.memoryUsage();
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: [string, number][]): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
    };
    metric('relay_connections', 'gauge', 'Open authenticated WebSocket connections.', [['', this.gauges.connections()]]);
    metric('relay_connections_pending_auth', 'gauge', 'WebSocket connections not yet authenticated.', [['', this.gauges.pendingAuth()]]);
    metric('relay_connections_opened_total', 'counter', 'WebSocket connections accepted.', [['', this.connectionsOpened]]);
    metric('relay_docs_loaded', 'gauge', 'Docs held in memory.', [['', this.gauges.docsLoaded()]]);
    metric('relay_updates_total', 'counter', 'Updates appended to the durable log (rate() gives updates/s).', [['', this.updatesStored]]);
    metric('relay_log_commits_total', 'counter', 'Group commits of the durable log (relay_updates_total / this = updates per commit).', [['', this.logCommits]]);
    metric('relay_remote_updates_total', 'counter', 'Updates from other relay nodes applied to docs held by this node.', [['', this.remoteUpdates]]);
    metric('relay_copies_skipped_total', 'counter', 'Copies of other nodes\' updates not stored again: their node had marked them committed.', [['', this.copiesSkipped]]);
    metric('relay_readonly_dropped_total', 'counter', 'Update messages dropped from read-only connections.', [['', this.readOnlyDropped]]);
    metric('relay_bytes_in_total', 'counter', 'WebSocket payload bytes received.', [['', this.bytesIn]]);
    metric('relay_bytes_out_total', 'counter', 'WebSocket payload bytes sent.', [['', this.bytesOut]]);
    metric('relay_compactions_total', 'counter', 'Doc compactions.', [['', this.compactions]]);
    metric('relay_doc_reloads_total', 'counter', 'Docs rebuilt from the log after an update Yjs could not apply.', [['', this.docReloads]]);
    metric('relay_auth_failures_total', 'counter', 'Failed authentications by reason.', labelled('reason', this.authFailures));
    metric('relay_rejected_frames_total', 'counter', 'Frames refused (connection closed) by reason.', labelled('reason', this.rejected));
    metric('relay_policy_refusals_total', 'counter', 'Connections and writes refused by a doc policy or a cap (connection closed), by reason.', labelled('reason', this.policyRefusals));
    metric('relay_http_requests_total', 'counter', 'HTTP requests by status.', labelled('status', this.httpRequests));
    metric('process_resident_memory_bytes', 'gauge', 'Resident set size.', [['', memory.rss]]);
    metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.', [['', memory.heapUsed]]);
    return `${lines.join('\n')}\n`;
  }
}

function labelled<K extends string | number>(label: string, values: Map<K, number>): [string, number][] {
  return [...values].map(([key, value]) => [`{${label}="${key}"}`, value]);
}
