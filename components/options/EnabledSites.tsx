import { useCallback, useEffect, useState } from 'preact/hooks';
import { type EnabledSite, sitesFrom } from '../../lib/ui/panel/siteAccess';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';
import { SiteAccess } from '../panel/SiteAccess';

// The dashboards Livecue reads on request (beyond the platforms it knows), with a way to enable another and
// to remove one: removing takes back both the browser permission and the registered content script.

interface EnabledSitesProps {
  send: SendCommand;
  request?: (permissions: { origins: string[] }) => Promise<boolean>;
}

export function EnabledSites({ send, request }: EnabledSitesProps) {
  const { t } = useI18n();
  const [sites, setSites] = useState<EnabledSite[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const result = await send({ type: 'site.list' });
    setError(result.ok ? null : result.error);
    setSites(sitesFrom(result));
  }, [send]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const remove = async (origin: string) => {
    const result = await send({ type: 'site.remove', origin });
    setError(result.ok ? null : result.error);
    if (result.ok) setSites(sitesFrom(result));
  };

  return (
    <section class="enabled-sites" data-testid="enabled-sites">
      <h2>{t('site.listTitle')}</h2>
      <SiteAccess
        send={send}
        request={request}
        findTab={async () => ({ origin: null })}
        onEnabled={refresh}
      />
      {sites.length === 0 ? (
        <p class="muted" data-testid="enabled-sites-empty">
          {t('site.none')}
        </p>
      ) : (
        <ul>
          {sites.map((site) => (
            <li key={site.origin} data-site-origin={site.origin}>
              <code>{site.origin}</code>
              {!site.registered && <span class="warn"> {t('site.notRegistered')}</span>}
              <button
                type="button"
                data-testid={`site-remove-${site.origin}`}
                onClick={() => remove(site.origin)}
              >
                {t('site.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p class="error">{t('error.command', { error })}</p>}
    </section>
  );
}
