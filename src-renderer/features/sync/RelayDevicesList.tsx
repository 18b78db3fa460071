/**
 * The devices signed in with one relay account (Settings → Sync): each with
 * when it was last seen and when its token expires unused, this device
 * marked, and Revoke (the device's token stops working on the relay and its
 * connections close at once; revoking this device signs it out).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { RelayDevice } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { FormError } from '../../lib/ui/TextField';

interface RelayDevicesListProps {
  relayUrl: string;
  /** Changes when the accounts change, so the list is read again. */
  version: number;
}

export function RelayDevicesList({ relayUrl, version }: RelayDevicesListProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [devices, setDevices] = useState<RelayDevice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async (): Promise<void> => {
    try {
      const listed = await api.invoke('relay.devices', { url: relayUrl });
      // This device first, then the others oldest first (the relay's order).
      setDevices([...listed.filter((d) => d.current), ...listed.filter((d) => !d.current)]);
      setError(null);
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }, [relayUrl, t]);

  useEffect(() => {
    void load();
  }, [load, version]);

  async function revoke(device: RelayDevice): Promise<void> {
    setBusy(device.id);
    setError(null);
    try {
      const done = await api.invoke('relay.revokeDevice', { url: relayUrl, deviceId: device.id });
      // Revoking this device signed it out: the account (and this list) goes away with the next accounts event.
      if (!done.signedOut) await load();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  }

  const date = (iso: string): string => new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  const labelId = `relay-devices-${relayUrl.replace(/[^a-z0-9]/gi, '-')}`;

  return (
    <div className="relay-devices" data-testid="relay-devices">
      <p className="relay-devices__title" id={labelId}>
        {t('settings.sync.devices')}
      </p>
      {devices === null && error === null ? <p className="field__hint">{t('settings.sync.devicesLoading')}</p> : null}
      {devices && devices.length > 0 ? (
        <ul className="relay-devices__list" aria-labelledby={labelId}>
          {devices.map((device) => (
            <li key={device.id} className="relay-devices__item" data-testid="relay-device" data-current={device.current ? 'true' : 'false'}>
              <span className="relay-devices__text">
                <span className="relay-devices__name">
                  {device.name}
                  {device.current ? <span className="badge relay-devices__this">{t('settings.sync.thisDevice')}</span> : null}
                </span>
                <span className="relay-devices__meta">
                  {t('settings.sync.deviceSeen', { seen: date(device.lastSeenAt), expires: date(device.expiresAt) })}
                </span>
              </span>
              <button
                type="button"
                className="button button--small"
                disabled={busy !== null}
                onClick={() => void revoke(device)}
                aria-label={t(device.current ? 'settings.sync.revokeThisLabel' : 'settings.sync.revokeLabel', { name: device.name })}
                data-testid="relay-device-revoke"
              >
                {busy === device.id ? t('settings.sync.revoking') : t('settings.sync.revoke')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <FormError message={error} testId="relay-devices-error" /> : null}
    </div>
  );
}
