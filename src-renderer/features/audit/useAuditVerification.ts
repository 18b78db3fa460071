/**
 * Whether the audit trail of a workspace is intact (`audit.verify`): checked
 * when the trail opens, again shortly after `audit.changed` (new entries,
 * from this device or a teammate's), after a reconnection, and on demand.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditVerification } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

export interface AuditVerificationState {
  /** Null until the first check answers. */
  verification: AuditVerification | null;
  error: unknown;
  recheck(): void;
}

/** Wait after an `audit.changed`, so a burst of entries is checked once. */
const SETTLE_MS = 600;

export function useAuditVerification(workspaceId: string): AuditVerificationState {
  const { generation } = useConnection();
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const recheckRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    let token = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function check(): Promise<void> {
      const mine = ++token;
      try {
        const next = await api.invoke('audit.verify', { workspaceId });
        if (!cancelled && mine === token) {
          setVerification(next);
          setError(null);
        }
      } catch (err) {
        if (!cancelled && mine === token) setError(err);
        console.error('Checking the audit trail failed', err);
      }
    }
    recheckRef.current = () => void check();
    setVerification(null);
    setError(null);
    const off = api.on('audit.changed', (event) => {
      if (event.workspaceId !== workspaceId) return;
      clearTimeout(timer);
      timer = setTimeout(() => void check(), SETTLE_MS);
    });
    void check();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      off();
    };
  }, [workspaceId, generation]);

  const recheck = useCallback(() => recheckRef.current(), []);
  return { verification, error, recheck };
}
