import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStartupGate } from '../../../lib/worker/startupGate';

// What a worker's start does besides its listeners waits until its first samples are stored, or a while.

afterEach(() => {
  vi.useRealTimers();
});

describe('createStartupGate', () => {
  it('runs what waited, in order, once the first samples are stored, and later work at once', () => {
    vi.useFakeTimers();
    const gate = createStartupGate(1000);
    const ran: string[] = [];
    gate.later(() => ran.push('watch'));
    gate.later(() => {
      throw new Error('a broken task');
    });
    gate.later(() => ran.push('alarms'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(ran).toEqual([]);
    gate.open();
    expect(ran).toEqual(['watch', 'alarms']);
    gate.later(() => ran.push('welcome'));
    expect(ran).toEqual(['watch', 'alarms', 'welcome']);
    gate.open();
    vi.advanceTimersByTime(5000);
    expect(ran).toEqual(['watch', 'alarms', 'welcome']);
  });

  it('opens by itself when no sample comes (a worker woken by an alarm or a page)', () => {
    vi.useFakeTimers();
    const gate = createStartupGate(1000);
    const ran: string[] = [];
    gate.later(() => ran.push('watch'));
    vi.advanceTimersByTime(999);
    expect(ran).toEqual([]);
    expect(gate.isOpen).toBe(false);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['watch']);
    expect(gate.isOpen).toBe(true);
  });
});
