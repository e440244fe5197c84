import { useMemo } from 'preact/hooks';
import type { ArrangedCues } from '../../lib/core/cues/cueOrder';
import type { MetricId } from '../../lib/core/metrics/metricCatalog';
import type { SessionRow } from '../../lib/store/rows';
import { buildMetricTiles } from '../../lib/ui/panel/metricTiles';
import type { PanelState } from '../../lib/ui/panel/panelStore';
import { summariseHealth } from '../../lib/ui/panel/readerHealth';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { CueCard } from './CueCard';
import { CueQueue } from './CueQueue';
import { EndSession } from './EndSession';
import type { PanelCommands } from './hooks/usePanelCommands';
import { MetricTiles } from './MetricTiles';
import { OpenQuestions } from './OpenQuestions';
import { PanelFooter } from './PanelFooter';
import { CommandError } from './PanelNotices';
import { ProductRanking } from './ProductRanking';
import { ReaderHealth } from './ReaderHealth';
import { TodaysCues } from './TodaysCues';

// Operator mode: the current cue with the evidence around it — the queue, the numbers and their
// sparklines, what the reader cannot see, and today's cues — and the session's own controls.

interface OperatorViewProps {
  state: PanelState;
  session: SessionRow;
  arranged: ArrangedCues;
  now: number;
  commands: PanelCommands;
  send: SendCommand;
  onPick: (metric: MetricId) => void;
}

export function OperatorView({ state, session, arranged, now, commands, send, onPick }: OperatorViewProps) {
  const samples = state.samples.value;
  // Tiles move with each sample; their sparklines' time axis only every few seconds.
  const tiles = useMemo(() => buildMetricTiles(samples, now), [samples, Math.floor(now / 5000)]);
  const health = summariseHealth(samples[samples.length - 1]?.health);
  return (
    <>
      <p class="session-title" title={session.roomKey}>
        {session.title || session.roomKey}
      </p>
      <CueCard
        cue={arranged.current}
        now={now}
        onAction={(action) => void commands.act(action)}
        busy={commands.busy}
        ringSize={96}
      />
      <CommandError error={commands.error} />
      <OpenQuestions
        questions={state.openQuestions.value}
        now={now}
        onAnswered={(cueId) => void commands.run({ type: 'cue.done', cueId })}
        onIgnore={(cueId) => void commands.run({ type: 'cue.dismiss', cueId })}
      />
      {/* Questions cues wait in the open questions above, with their counts: not twice. */}
      <CueQueue
        queue={arranged.queue.filter((cue) => cue.ruleId !== 'questions')}
        snoozed={arranged.snoozed.filter((cue) => cue.ruleId !== 'questions')}
        now={now}
      />
      <ProductRanking ranking={state.products?.value ?? null} reading={state.productsReading?.value} />
      <section class="metrics" data-testid="metrics">
        <MetricTiles tiles={tiles} now={now} />
      </section>
      <ReaderHealth health={health} onPick={onPick} />
      <TodaysCues cues={state.todaysCues.value} />
      <PanelFooter sessionId={session.id} settings={state.settings.value} run={(c) => void commands.run(c)} />
      <EndSession key={session.id} sessionId={session.id} send={send} />
    </>
  );
}
