// Sample time. The e2e build plays scenarios faster than real time, and the mock room keeps the
// scenario clock in <html data-scenario-time>; the production build always uses the wall clock.

/** A clock for samples: the page's scenario time (epoch ms) when asked for and present, else Date.now(). */
export function createSampleClock(doc: Document, useScenarioTime: boolean): () => number {
  if (!useScenarioTime) return () => Date.now();
  return () => scenarioTimeOf(doc) ?? Date.now();
}

/** Whether the sample clock of `createSampleClock(doc, useScenarioTime)` reads a scenario's time now. */
export function playsScenarioTime(doc: Document, useScenarioTime: boolean): () => boolean {
  if (!useScenarioTime) return () => false;
  return () => scenarioTimeOf(doc) !== undefined;
}

function scenarioTimeOf(doc: Document): number | undefined {
  const raw = doc.documentElement?.dataset.scenarioTime;
  const value = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}
