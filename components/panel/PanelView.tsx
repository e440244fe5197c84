import { arrangeCues } from '../../lib/core/cues/cueOrder';
import type { MetricId } from '../../lib/core/metrics/metricCatalog';
import { playBeep } from '../../lib/ui/panel/beep';
import type { PanelState } from '../../lib/ui/panel/panelStore';
import { productOfCue } from '../../lib/ui/panel/productRanking';
import { summariseHealth } from '../../lib/ui/panel/readerHealth';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { CueCard } from './CueCard';
import { EmptyPanel } from './EmptyPanel';
import { useCueAnnouncer } from './hooks/useCueAnnouncer';
import { useCueShortcuts } from './hooks/useCueShortcuts';
import { usePanelCommands } from './hooks/usePanelCommands';
import { OperatorView } from './OperatorView';
import { PanelHeader } from './PanelHeader';
import { CommandError, CueAnnouncer, WriteWarningBanner } from './PanelNotices';
import { CueProduct } from './ProductRanking';
import { RoomWarnings } from './RoomWarnings';

// The side panel: streamer mode shows only the cue to act on; operator mode shows the evidence too.
// This file picks the layout; the parts and hooks beside it do the work.

interface PanelViewProps {
  state: PanelState;
  send: SendCommand;
  /** Called for a new cue when sound is on; a test passes a recorder. */
  beep?: () => void;
}

export function PanelView({ state, send, beep = playBeep }: PanelViewProps) {
  const session = state.session.value;
  const settings = state.settings.value;
  const now = state.now.value;
  const mode = settings.mode;
  const arranged = arrangeCues(state.openCues.value, now);
  const commands = usePanelCommands(send, arranged.current);
  useCueShortcuts((action) => void commands.act(action));
  const announcement = useCueAnnouncer(state.openCues.value, now, settings.sound, beep);
  const pick = (metric: MetricId) => void commands.run({ type: 'picker.start', metric });

  const top = (
    <>
      <PanelHeader
        session={session}
        now={now}
        mode={mode}
        onToggleMode={() =>
          void commands.run({
            type: 'settings.update',
            patch: { mode: mode === 'streamer' ? 'operator' : 'streamer' },
          })
        }
      />
      <WriteWarningBanner warning={state.warning.value} />
      <RoomWarnings warnings={state.roomWarnings.value} />
    </>
  );

  if (session === undefined) {
    return (
      <main class={`panel mode-${mode}`} aria-busy="true">
        {top}
      </main>
    );
  }
  if (session === null) {
    return (
      <main class={`panel mode-${mode}`} data-mode={mode}>
        {top}
        <EmptyPanel
          unread={summariseHealth(state.unreadHealth.value ?? undefined)}
          onPick={pick}
          send={send}
        />
        <CueAnnouncer text={announcement} />
      </main>
    );
  }
  if (mode === 'streamer') {
    return (
      <main class="panel mode-streamer" data-mode="streamer">
        {top}
        <CueCard
          cue={arranged.current}
          now={now}
          onAction={(action) => void commands.act(action)}
          busy={commands.busy}
          ringSize={200}
          // A question burst reads best as one line at arm's length: who asked what, and what to show.
          titleOnly={arranged.current?.ruleId === 'questions'}
        />
        <CueProduct product={productOfCue(arranged.current, state.products?.value ?? null)} />
        <CommandError error={commands.error} />
        <CueAnnouncer text={announcement} />
      </main>
    );
  }
  return (
    <main class="panel mode-operator" data-mode="operator">
      {top}
      <OperatorView
        state={state}
        session={session}
        arranged={arranged}
        now={now}
        commands={commands}
        send={send}
        onPick={pick}
      />
      <CueAnnouncer text={announcement} />
    </main>
  );
}
