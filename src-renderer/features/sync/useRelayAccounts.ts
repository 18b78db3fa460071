/**
 * The relay accounts signed in on this device, kept current by the core's
 * `relay.accountsChanged` event (a sign-in from another window or the CLI shows here).
 */
import { useEffect, useState } from 'react';
import type { RelayAccount } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

export function useRelayAccounts(): RelayAccount[] | null {
  const { generation } = useConnection();
  const [accounts, setAccounts] = useState<RelayAccount[] | null>(null);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    let fresh = false;
    const unsubscribe = api.on('relay.accountsChanged', (payload) => {
      fresh = true;
      setAccounts(payload.accounts);
    });
    api.invoke('relay.accounts', {}).then(
      (list) => {
        if (!cancelled && !fresh) setAccounts(list);
      },
      (err: unknown) => console.error('Loading the relay accounts failed', err),
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [generation]);

  return accounts;
}
