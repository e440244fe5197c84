import { useEffect, useState } from 'preact/hooks';
import {
  currentTab,
  type EnableOutcome,
  enableSite,
  originOf,
  requestPermission,
} from '../../lib/ui/panel/siteAccess';
import { type SendCommand, sendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';

// "Read this dashboard": enables Livecue on a site no adapter knows. The address is the current tab's when
// Livecue can see it, else what the operator types; the browser then asks for that one site.

interface SiteAccessProps {
  send?: SendCommand;
  request?: (permissions: { origins: string[] }) => Promise<boolean>;
  findTab?: typeof currentTab;
  /** Called once a site is enabled (the settings page refreshes its list). */
  onEnabled?: (origin: string) => void;
}

export function SiteAccess({
  send = sendCommand,
  request = requestPermission,
  findTab = currentTab,
  onEnabled,
}: SiteAccessProps) {
  const { t } = useI18n();
  const [address, setAddress] = useState('');
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  const [outcome, setOutcome] = useState<EnableOutcome | { kind: 'invalid' } | null>(null);

  useEffect(() => {
    void findTab().then((tab) => {
      setTabId(tab.id);
      if (tab.origin) setAddress((current) => current || tab.origin!);
    });
  }, [findTab]);

  const enable = () => {
    const origin = originOf(address);
    if (!origin) return setOutcome({ kind: 'invalid' });
    // The browser's question must come from this click: nothing is awaited before it.
    void enableSite(origin, tabId, { send, request }).then((result) => {
      setOutcome(result);
      if (result.kind === 'enabled') onEnabled?.(result.origin);
    });
  };

  return (
    <section class="site-access" data-testid="site-access">
      <h3>{t('site.title')}</h3>
      <p class="muted">{t('site.help')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          enable();
        }}
      >
        <input
          type="text"
          inputMode="url"
          data-testid="site-address"
          placeholder="https://live.example.com"
          aria-label={t('site.address')}
          value={address}
          onInput={(event) => setAddress(event.currentTarget.value)}
        />
        <button type="submit" data-testid="site-enable">
          {t('site.enable')}
        </button>
      </form>
      {outcome && (
        <p
          class={`site-outcome ${outcome.kind}`}
          data-testid="site-outcome"
          data-outcome={outcome.kind}
          role="status"
        >
          {outcome.kind === 'enabled'
            ? t(outcome.started ? 'site.enabledStarted' : 'site.enabled', { origin: outcome.origin })
            : outcome.kind === 'declined'
              ? t('site.declined', { origin: outcome.origin })
              : outcome.kind === 'invalid'
                ? t('site.invalid')
                : t('error.command', { error: outcome.error })}
        </p>
      )}
    </section>
  );
}
