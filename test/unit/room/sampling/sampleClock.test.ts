// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSampleClock, playsScenarioTime } from '../../../../lib/room/sampling/sampleClock';

describe('createSampleClock', () => {
  afterEach(() => {
    vi.useRealTimers();
    delete document.documentElement.dataset.scenarioTime;
  });

  it('uses the scenario clock from <html data-scenario-time> when asked to', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const clock = createSampleClock(document, true);
    expect(clock()).toBe(1_000_000);
    document.documentElement.dataset.scenarioTime = String(Date.UTC(2026, 10, 24, 12));
    expect(clock()).toBe(Date.UTC(2026, 10, 24, 12));
    document.documentElement.dataset.scenarioTime = 'soon';
    expect(clock()).toBe(1_000_000);
  });

  it('says whether it reads a scenario’s time now (the e2e mock room), never in the production build', () => {
    const scenario = playsScenarioTime(document, true);
    expect(scenario()).toBe(false);
    document.documentElement.dataset.scenarioTime = String(Date.UTC(2026, 10, 24, 12));
    expect(scenario()).toBe(true);
    expect(playsScenarioTime(document, false)()).toBe(false);
    document.documentElement.dataset.scenarioTime = 'soon';
    expect(scenario()).toBe(false);
  });

  it('ignores the scenario clock in the production build', () => {
    vi.useFakeTimers({ now: 2_000_000 });
    document.documentElement.dataset.scenarioTime = '1764000000000';
    expect(createSampleClock(document, false)()).toBe(2_000_000);
  });
});
