/**
 * Live connections by (workspace, user), so a role change or a removal
 * reaches that member's sockets at once: a role change closes them with 4409
 * (get a new token, reconnect), a removal with 4403 (do not retry). Also
 * counts each user's sockets over every workspace, for the per-user cap, and
 * keeps each device's sockets, so a revoked or expired device loses them
 * at once (4410).
 */
import { RelayCloseCode, workspaceErasedReason } from '../../src-main/common/relayWire';
import type { MembershipListener } from '../accounts/WorkspaceService';
import type { DeviceListener } from '../auth/DeviceService';
import type { RelayConnection } from './RelayConnection';

export class ConnectionRegistry implements MembershipListener, DeviceListener {
  private readonly byMember = new Map<string, Set<RelayConnection>>();
  private readonly byDevice = new Map<string, Set<RelayConnection>>();
  private readonly perUser = new Map<string, number>();
  private count = 0;

  /** Open connections. */
  get size(): number {
    return this.count;
  }

  add(conn: RelayConnection): void {
    const key = memberKey(conn.workspaceId, conn.userId);
    let set = this.byMember.get(key);
    if (!set) {
      set = new Set();
      this.byMember.set(key, set);
    }
    set.add(conn);
    if (conn.deviceId !== null) {
      let ofDevice = this.byDevice.get(conn.deviceId);
      if (!ofDevice) {
        ofDevice = new Set();
        this.byDevice.set(conn.deviceId, ofDevice);
      }
      ofDevice.add(conn);
    }
    this.count += 1;
    this.perUser.set(conn.userId, (this.perUser.get(conn.userId) ?? 0) + 1);
  }

  /** Open sockets of `userId`, every workspace together. */
  socketsOf(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  remove(conn: RelayConnection): void {
    const key = memberKey(conn.workspaceId, conn.userId);
    const set = this.byMember.get(key);
    if (!set?.delete(conn)) return;
    this.count -= 1;
    if (set.size === 0) this.byMember.delete(key);
    if (conn.deviceId !== null) {
      const ofDevice = this.byDevice.get(conn.deviceId);
      ofDevice?.delete(conn);
      if (ofDevice?.size === 0) this.byDevice.delete(conn.deviceId);
    }
    const left = (this.perUser.get(conn.userId) ?? 1) - 1;
    if (left === 0) this.perUser.delete(conn.userId);
    else this.perUser.set(conn.userId, left);
  }

  roleChanged(workspaceId: string, userId: string): void {
    this.closeMember(workspaceId, userId, RelayCloseCode.RoleChanged, 'role changed; get a new token');
  }

  memberRemoved(workspaceId: string, userId: string): void {
    this.closeMember(workspaceId, userId, RelayCloseCode.Forbidden, 'removed from the workspace');
  }

  workspaceErased(workspaceId: string, at: number): void {
    const reason = workspaceErasedReason(at);
    for (const conn of [...this.all()]) if (conn.workspaceId === workspaceId) conn.close(RelayCloseCode.WorkspaceErased, reason);
  }

  deviceClosed(deviceId: string, why: 'revoked' | 'expired'): void {
    const set = this.byDevice.get(deviceId);
    if (!set) return;
    const reason = why === 'revoked' ? 'device signed out; sign in again' : 'device token expired; sign in again';
    for (const conn of [...set]) conn.close(RelayCloseCode.DeviceRevoked, reason);
  }

  /** Every open connection. */
  *all(): Generator<RelayConnection> {
    for (const set of this.byMember.values()) yield* set;
  }

  private closeMember(workspaceId: string, userId: string, code: number, reason: string): void {
    const set = this.byMember.get(memberKey(workspaceId, userId));
    if (!set) return;
    for (const conn of [...set]) conn.close(code, reason);
  }
}

function memberKey(workspaceId: string, userId: string): string {
  return `${workspaceId}\u0000${userId}`;
}
