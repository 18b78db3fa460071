/**
 * Daily quotas of digital humans: the limits (the `quotas` map of the synced
 * `governance` doc, quotaDocFormat.ts), what was used (the `agent.usage`
 * entries of the audit trail, usageRecordFormat.ts), the usage report of
 * the Settings page and the CLI, and the check the agent runtime makes
 * before each model request, tool call and message. Days are this device's
 * local days. Only owners and admins set limits here; the relay refuses a
 * `governance` update from anyone else.
 */
import { AppError, ForbiddenError } from '../../common/AppError';
import type { QuotaLimitsView, QuotaSettings, RelayRoleName, UsageReport } from '../../common/contract';
import { QUOTA_METRICS, QUOTAS_MAP, GOVERNANCE_DOC_NAME, readQuotas, writeQuotaRecord, type QuotaMetric, type QuotaRecord } from '../../storage/governance/quotaDocFormat';
import { UsageQueries, type UsageRow } from '../../storage/governance/UsageQueries';
import type { UsageCounts } from '../../storage/governance/usageRecordFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { WorkspaceService } from '../WorkspaceService';

export interface QuotaDeps {
  workspaces: WorkspaceService;
  /** The local user's role in a workspace. */
  role: (workspaceId: string) => RelayRoleName;
  userId: () => string;
  /** Names of the members and DHs of a workspace, for the report. */
  names: (workspaceId: string) => Map<string, string>;
  now: () => number;
}

/** A limit that is reached: which, for whom, how much. */
export interface QuotaExceeded {
  metric: QuotaMetric;
  scope: 'workspace' | 'member' | 'dh';
  limit: number;
  used: number;
}

const NO_LIMITS: QuotaLimitsView = { tokens: null, toolCalls: null, messages: null };
const ZERO: UsageCounts = { tokens: 0, toolCalls: 0, messages: 0 };

/** The local day of `ms`, `YYYY-MM-DD`. */
export function localDayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function startOfDay(ms: number, daysBack = 0): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - daysBack);
  return d.getTime();
}

function add(into: UsageCounts, row: UsageCounts): void {
  into.tokens += row.tokens;
  into.toolCalls += row.toolCalls;
  into.messages += row.messages;
}

function limitsOf(r: QuotaRecord | undefined): QuotaLimitsView {
  return r ? { tokens: r.tokens, toolCalls: r.toolCalls, messages: r.messages } : NO_LIMITS;
}

/** The refusal a reached quota gives, in English and French (the message is read by everyone in the room). */
export class QuotaExceededError extends AppError {
  constructor(
    readonly exceeded: QuotaExceeded,
    who: string,
  ) {
    super('QUOTA_EXCEEDED', quotaMessage(exceeded, who));
  }
}

const EN_METRIC: Record<QuotaMetric, string> = { tokens: 'model tokens', toolCalls: 'tool calls', messages: 'messages' };
const FR_METRIC: Record<QuotaMetric, string> = { tokens: 'jetons de modèle', toolCalls: 'appels d’outils', messages: 'messages' };

/** What the room is told when `who` cannot go on. */
export function quotaMessage(e: QuotaExceeded, who: string): string {
  const n = (locale: string): string => e.limit.toLocaleString(locale);
  const en = { workspace: 'this workspace’s', member: 'your', dh: `${who}’s` }[e.scope];
  const fr = { workspace: 'de cet espace de travail', member: 'par membre', dh: `de ${who}` }[e.scope];
  return (
    `${who} stopped: ${en} daily quota of ${n('en')} ${EN_METRIC[e.metric]} is used up. It starts again at midnight; an owner or admin can raise it in Settings › Usage.\n\n` +
    `${who} s’est arrêté : le quota quotidien ${fr} de ${n('fr')} ${FR_METRIC[e.metric]} est épuisé. Il repart à minuit ; un propriétaire ou un administrateur peut l’augmenter dans Réglages › Utilisation.`
  );
}

export class QuotaService {
  constructor(private readonly deps: QuotaDeps) {}

  settings(workspaceId: string): QuotaSettings {
    const records = this.records(workspaceId);
    const members: Record<string, QuotaLimitsView> = {};
    const dhs: Record<string, QuotaLimitsView> = {};
    for (const [scope, r] of records) {
      if (scope.startsWith('member:')) members[scope.slice(7)] = limitsOf(r);
      if (scope.startsWith('dh:')) dhs[scope.slice(3)] = limitsOf(r);
    }
    return { workspace: limitsOf(records.get('workspace')), member: limitsOf(records.get('member')), members, dh: limitsOf(records.get('dh')), dhs, canEdit: this.canEdit(workspaceId) };
  }

  /** Sets (or clears, for one member or DH) the limits of a scope; owners and admins only. */
  set(workspaceId: string, scope: 'workspace' | 'member' | 'dh', id: string | undefined, limits: Partial<QuotaLimitsView> | undefined): QuotaSettings {
    if (!this.canEdit(workspaceId)) throw new ForbiddenError('Only owners and admins can change quotas');
    const key = id === undefined ? scope : `${scope}:${id}`;
    const handle = this.deps.workspaces.handle(workspaceId);
    const before = this.records(workspaceId).get(key);
    handle.docs.transact(GOVERNANCE_DOC_NAME, txOrigin('local', this.deps.userId()), (doc) => {
      const map = doc.getMap(QUOTAS_MAP);
      if (limits === undefined) map.delete(key);
      else map.set(key, writeQuotaRecord({ ...limitsOf(before), ...limits, updatedAt: this.deps.now(), updatedBy: this.deps.userId() }));
    });
    return this.settings(workspaceId);
  }

  /** What was used over the last `days` local days (today included), and the limits. */
  usage(workspaceId: string, days: number): UsageReport {
    const now = this.deps.now();
    const rows = this.rows(workspaceId, startOfDay(now, days - 1));
    const byDay = new Map<string, UsageCounts>();
    for (let i = days - 1; i >= 0; i--) byDay.set(localDayOf(startOfDay(now, i) + 12 * 3_600_000), { ...ZERO });
    const members = new Map<string, UsageCounts>();
    const dhs = new Map<string, UsageCounts>();
    const total = { ...ZERO };
    const today = { ...ZERO };
    const todayKey = localDayOf(now);
    for (const row of rows) {
      const day = localDayOf(row.at);
      const bucket = byDay.get(day);
      if (!bucket) continue;
      add(bucket, row);
      add(total, row);
      if (day === todayKey) add(today, row);
      if (row.memberId !== null) add(members.get(row.memberId) ?? members.set(row.memberId, { ...ZERO }).get(row.memberId)!, row);
      add(dhs.get(row.dhId) ?? dhs.set(row.dhId, { ...ZERO }).get(row.dhId)!, row);
    }
    const names = this.deps.names(workspaceId);
    const list = (m: Map<string, UsageCounts>) =>
      [...m].map(([id, c]) => ({ id, name: names.get(id) ?? id, ...c })).sort((a, b) => b.tokens - a.tokens || a.name.localeCompare(b.name));
    return { days: [...byDay].map(([day, c]) => ({ day, ...c })), members: list(members), dhs: list(dhs), total, today, quotas: this.settings(workspaceId) };
  }

  /**
   * The first limit that today's use plus `extra` (what the running turn
   * has used so far) has reached, for the workspace, the member (`memberId`,
   * null for a DH's own reminder) or the DH, among `metrics` (what the next
   * action uses); null when it may go on.
   */
  check(workspaceId: string, dhId: string, memberId: string | null, extra: Partial<UsageCounts>, metrics: readonly QuotaMetric[] = QUOTA_METRICS): QuotaExceeded | null {
    const records = this.records(workspaceId);
    if (records.size === 0) return null;
    const scopes: { scope: QuotaExceeded['scope']; limits: QuotaLimitsView; match: (r: UsageRow) => boolean }[] = [
      { scope: 'workspace', limits: limitsOf(records.get('workspace')), match: () => true },
      { scope: 'dh', limits: limitsOf(records.get(`dh:${dhId}`) ?? records.get('dh')), match: (r) => r.dhId === dhId },
    ];
    if (memberId !== null) scopes.splice(1, 0, { scope: 'member', limits: limitsOf(records.get(`member:${memberId}`) ?? records.get('member')), match: (r) => r.memberId === memberId });
    const limited = scopes.filter((s) => metrics.some((m) => s.limits[m] !== null));
    if (limited.length === 0) return null;
    const rows = this.rows(workspaceId, startOfDay(this.deps.now()));
    for (const s of limited) {
      const used = { ...ZERO };
      for (const row of rows) if (s.match(row)) add(used, row);
      for (const metric of metrics) {
        const limit = s.limits[metric];
        const total = used[metric] + (extra[metric] ?? 0);
        // The action about to happen uses at least one more: at the limit, it may not.
        if (limit !== null && total >= limit) return { metric, scope: s.scope, limit, used: total };
      }
    }
    return null;
  }

  private canEdit(workspaceId: string): boolean {
    const role = this.deps.role(workspaceId);
    return role === 'owner' || role === 'admin';
  }

  private records(workspaceId: string): Map<string, QuotaRecord> {
    this.deps.workspaces.get(workspaceId);
    return readQuotas(this.deps.workspaces.handle(workspaceId).docs.doc(GOVERNANCE_DOC_NAME).getMap(QUOTAS_MAP));
  }

  private rows(workspaceId: string, since: number): UsageRow[] {
    const handle = this.deps.workspaces.handle(workspaceId);
    handle.projections.ensureDocFresh('audit');
    return new UsageQueries(handle.storage.db).since(since);
  }
}
