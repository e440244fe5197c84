import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { arrangeCues } from '../../lib/core/cues/cueOrder';
import type { CueAction } from '../../lib/core/engine/types';
import { formatClock } from '../../lib/core/format/sessionClock';
import { renderCueText } from '../../lib/core/i18n/renderCue';
import type { MetricId } from '../../lib/core/metrics/metricCatalog';
import { playBeep } from '../../lib/ui/panel/beep';
import { buildMetricTiles } from '../../lib/ui/panel/metricTiles';
import type { PanelState, SendCommand } from '../../lib/ui/panel/panelStore';
import { summariseHealth } from '../../lib/ui/panel/readerHealth';
import { useI18n } from '../common/i18nContext';
import { CUE_SHORTCUTS } from './CueActions';
import { CueQueue } from './CueQueue';
import { CurrentCue } from './CurrentCue';
import { MetricTiles } from './MetricTiles';
import { ReaderHealth } from './ReaderHealth';
import { TodaysCues } from './TodaysCues';

// The side panel: streamer mode shows only the cue to act on; operator mode shows the evidence too.

interface PanelViewProps {
  state: PanelState;
  send: SendCommand;
  /** Called for a new cue when sound is on; a test passes a recorder. */
  beep?: () => void;
}

const CUE_ACTION_COMMANDS = {
  done: 'cue.done',
  snooze: 'cue.snooze',
  dismiss: 'cue.dismiss',
} as const;

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function PanelView({ state, send, beep = playBeep }: PanelViewProps) {
  const { locale, t } = useI18n();
  const session = state.session.value;
  const settings = state.settings.value;
  const now = state.now.value;
  const mode = settings.mode;
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const arranged = arrangeCues(state.openCues.value, now);
  const current = arranged.current;

  const act = async (action: CueAction) => {
    if (!current || busy) return;
    setBusy(true);
    const result = await send({ type: CUE_ACTION_COMMANDS[action], cueId: current.id });
    setBusy(false);
    setActionError(result.ok ? null : t('error.command', { error: result.error }));
  };
  const send1 = async (command: Parameters<SendCommand>[0]) => {
    const result = await send(command);
    setActionError(result.ok ? null : t('error.command', { error: result.error }));
  };

  // Keyboard shortcuts act on the current cue; the latest handler is read through a ref.
  const actRef = useRef(act);
  actRef.current = act;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const action = CUE_SHORTCUTS[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      void actRef.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Announce cues that fire (or come back from a snooze) after the panel opened, not the ones that were
  // already waiting, however late their rows load.
  const openedAt = useRef(now);
  const announced = useRef(new Set<string>());
  const openCues = state.openCues.value;
  useEffect(() => {
    const fresh = openCues.filter(
      (cue) =>
        cue.status === 'active' &&
        !announced.current.has(cue.id) &&
        Math.max(cue.firedAt, cue.snoozedUntil ?? 0) >= openedAt.current,
    );
    if (fresh.length === 0) return;
    for (const cue of fresh) announced.current.add(cue.id);
    const text = renderCueText(fresh[fresh.length - 1]!, locale);
    setAnnouncement(t('announce.newCue', { title: text.title, detail: text.detail }));
    if (settings.sound) beep();
  }, [openCues]);

  const samples = state.samples.value;
  const tiles = useMemo(() => buildMetricTiles(samples, now), [samples, Math.floor(now / 5000)]);
  const health = summariseHealth(samples[samples.length - 1]?.health);
  const unread = summariseHealth(state.unreadHealth.value ?? undefined);
  const pick = (metric: MetricId) => void send1({ type: 'picker.start', metric });
  const warning = state.warning.value;

  const header = (
    <header class="panel-header">
      <span class="brand">Livecue</span>
      {session && (
        <span class="session-clock" data-testid="session-clock" title={t('clock.title')}>
          {formatClock(now - session.startedAt)}
        </span>
      )}
      <button
        type="button"
        class="mode-toggle"
        data-testid="mode-toggle"
        aria-pressed={mode === 'streamer'}
        onClick={() =>
          send1({ type: 'settings.update', patch: { mode: mode === 'streamer' ? 'operator' : 'streamer' } })
        }
      >
        {mode === 'streamer' ? t('mode.toOperator') : t('mode.toStreamer')}
      </button>
    </header>
  );

  const banner = warning.kind !== 'none' && (
    <p class="write-warning" role="alert" data-testid="write-warning">
      {t(warning.kind === 'failing' ? 'warning.writeFailing' : 'warning.unreachable', {
        error: warning.error,
      })}
    </p>
  );

  const live = (
    <p class="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="cue-announcer">
      {announcement}
    </p>
  );
  const error = actionError && (
    <p class="action-error" role="alert" data-testid="action-error">
      {actionError}
    </p>
  );

  if (session === undefined) {
    return (
      <main class={`panel mode-${mode}`} aria-busy="true">
        {header}
        {banner}
      </main>
    );
  }

  if (session === null) {
    return (
      <main class={`panel mode-${mode}`} data-mode={mode}>
        {header}
        {banner}
        <section class="empty-state" data-testid="empty-state">
          <h2>{t('empty.title')}</h2>
          <ol>
            <li>{t('empty.step1')}</li>
            <li>{t('empty.step2')}</li>
            <li>{t('empty.step3')}</li>
          </ol>
          <a href="/options.html" target="_blank" rel="noreferrer" data-testid="link-settings">
            {t('link.settings')}
          </a>
        </section>
        {unread && (
          <section class="unread-room" data-testid="unread-room">
            <p>{t('empty.unread')}</p>
            <ReaderHealth health={unread} onPick={pick} />
          </section>
        )}
        {live}
      </main>
    );
  }

  const cueCard = current ? (
    <CurrentCue
      cue={current}
      now={now}
      onAction={act}
      busy={busy}
      ringSize={mode === 'streamer' ? 200 : 96}
    />
  ) : (
    <section class="no-cue" data-testid="no-cue">
      <p>{t('cue.none')}</p>
    </section>
  );

  if (mode === 'streamer') {
    return (
      <main class="panel mode-streamer" data-mode="streamer">
        {header}
        {banner}
        {cueCard}
        {error}
        {live}
      </main>
    );
  }

  return (
    <main class="panel mode-operator" data-mode="operator">
      {header}
      {banner}
      <p class="session-title" title={session.roomKey}>
        {session.title || session.roomKey}
      </p>
      {cueCard}
      {error}
      <CueQueue queue={arranged.queue} snoozed={arranged.snoozed} now={now} />
      <section class="metrics" data-testid="metrics">
        <MetricTiles tiles={tiles} now={now} />
      </section>
      <ReaderHealth health={health} onPick={pick} />
      <TodaysCues cues={state.todaysCues.value} />
      <footer class="panel-footer">
        <label class="overlay-toggle">
          <input
            type="checkbox"
            data-testid="overlay-toggle"
            checked={settings.overlay}
            onChange={(event) => send1({ type: 'overlay.toggle', enabled: event.currentTarget.checked })}
          />
          {t('overlay.toggle')}
        </label>
        <label class="sound-toggle">
          <input
            type="checkbox"
            data-testid="sound-toggle"
            checked={settings.sound}
            onChange={(event) =>
              send1({ type: 'settings.update', patch: { sound: event.currentTarget.checked } })
            }
          />
          {t('sound.toggle')}
        </label>
        <a
          href={`/review.html?session=${encodeURIComponent(session.id)}`}
          target="_blank"
          rel="noreferrer"
          data-testid="link-review"
        >
          {t('link.review')}
        </a>
        <a href="/options.html" target="_blank" rel="noreferrer" data-testid="link-settings">
          {t('link.settings')}
        </a>
      </footer>
      {live}
    </main>
  );
}
