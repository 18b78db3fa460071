/**
 * Invitations: an owner or admin invites an email with a role and an expiry;
 * the invitee signs in with that email and accepts with the token, once.
 * The token is random and stored hashed; it is shown only in the answer to
 * its creation (and mailed when SMTP is configured).
 */
import type { RelayRole } from '../../src-main/common/relayWire';
import { normalizeEmail } from '../auth/AuthService';
import type { RelayMailer } from '../auth/RelayMailer';
import { hashToken, newId, newSecretToken } from '../auth/secretHashes';
import type { Logger } from '../../src-main/common/Logger';
import { ForbiddenError, GoneError, RelayConflictError, RelayNotFoundError } from '../RelayError';
import type { RelayUser } from '../storage/AccountStore';
import type { InvitationRow, WorkspaceStore } from '../storage/WorkspaceStore';
import type { WorkspaceService } from './WorkspaceService';

/** Default lifetime of an invitation. */
export const DEFAULT_INVITATION_HOURS = 72;

/** An invitation as the API shows it (times ISO 8601). */
export interface InvitationView {
  id: string;
  email: string;
  role: RelayRole;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

/** Dependencies of `InvitationService`. */
export interface InvitationServiceDeps {
  workspaces: WorkspaceStore;
  workspaceService: WorkspaceService;
  mailer: RelayMailer;
  logger: Logger;
  now?: () => number;
}

const MANAGERS: readonly RelayRole[] = ['owner', 'admin'];

export class InvitationService {
  private readonly now: () => number;

  constructor(private readonly deps: InvitationServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Creates an invitation and mails it (or logs it in dev mode); the token is in the answer only. */
  async create(
    user: RelayUser,
    workspaceId: string,
    input: { email: string; role: Exclude<RelayRole, 'owner'>; expiresInHours?: number },
  ): Promise<{ id: string; token: string; email: string; role: RelayRole; expiresAt: string }> {
    await this.deps.workspaceService.requireRole(user, workspaceId, MANAGERS);
    const now = this.now();
    const token = newSecretToken();
    const row = {
      id: newId(),
      workspaceId,
      email: normalizeEmail(input.email),
      role: input.role,
      tokenHash: hashToken(token),
      expiresAt: now + (input.expiresInHours ?? DEFAULT_INVITATION_HOURS) * 3600_000,
      createdBy: user.id,
      createdAt: now,
    };
    await this.deps.workspaces.insertInvitation(row);
    const expiresAt = new Date(row.expiresAt).toISOString();
    this.deps.logger('info', 'invitation.created', { workspaceId, invitationId: row.id, role: row.role, by: user.id });
    await this.deps.mailer.sendInvitation({ email: row.email, workspaceId, role: row.role, token, expiresAt });
    return { id: row.id, token, email: row.email, role: row.role, expiresAt };
  }

  /** Invitations of `workspaceId`, oldest first. */
  async list(user: RelayUser, workspaceId: string): Promise<InvitationView[]> {
    await this.deps.workspaceService.requireRole(user, workspaceId, MANAGERS);
    return (await this.deps.workspaces.invitations(workspaceId)).map(view);
  }

  /** Revokes an open invitation (revoking a revoked one is a no-op; an accepted one is a conflict). */
  async revoke(user: RelayUser, workspaceId: string, invitationId: string): Promise<void> {
    await this.deps.workspaceService.requireRole(user, workspaceId, MANAGERS);
    const row = await this.deps.workspaces.invitation(workspaceId, invitationId);
    if (!row) throw new RelayNotFoundError(`No invitation ${invitationId} in ${workspaceId}.`);
    if (row.acceptedAt !== null) throw new RelayConflictError('This invitation was already accepted; remove the member instead.');
    if (await this.deps.workspaces.revokeInvitation(invitationId, this.now())) {
      this.deps.logger('info', 'invitation.revoked', { workspaceId, invitationId, by: user.id });
    }
  }

  /** Accepts the invitation with `token` for `user`, whose email must be the invited one. */
  accept(user: RelayUser, token: string): Promise<{ workspaceId: string; role: RelayRole }> {
    return this.deps.workspaces.transaction(async (tx) => {
      const row = await tx.invitationByToken(hashToken(token));
      if (!row) throw new RelayNotFoundError('No invitation has this token.');
      if (row.revokedAt !== null) throw new GoneError('This invitation was revoked.');
      if (row.acceptedAt !== null) throw new GoneError('This invitation was already used.');
      const now = this.now();
      if (row.expiresAt <= now) throw new GoneError('This invitation has expired: ask for a new one.');
      if (row.email !== user.email) throw new ForbiddenError(`This invitation is for another email address; sign in as ${maskEmail(row.email)}.`);
      await tx.markAccepted(row.id, user.id, now);
      // Someone already in the workspace keeps their role: an invitation never demotes.
      const existing = await tx.roleOf(row.workspaceId, user.id);
      const role = existing ?? row.role;
      if (!existing) await tx.putMember(row.workspaceId, user.id, role, now);
      this.deps.logger('info', 'invitation.accepted', { workspaceId: row.workspaceId, invitationId: row.id, userId: user.id, role });
      return { workspaceId: row.workspaceId, role };
    });
  }
}

function view(row: InvitationRow): InvitationView {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return { id: row.id, email: row.email, role: row.role, expiresAt: new Date(row.expiresAt).toISOString(), acceptedAt: iso(row.acceptedAt), revokedAt: iso(row.revokedAt) };
}

/** `alice@example.com` → `a***@example.com`: enough to recognise, not enough to harvest. */
function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
