// A V8 CPU profile as DevTools' Profiler and Chromium's trace give it, for the benches that ask where an
// extension's time went (scripts/bench/bundle.ts, scripts/bench/coldStartProfile.ts).

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime?: number;
  samples: number[];
  timeDeltas: number[];
  /** The line of each sample (1-based; 0: not known), where a trace gives it. */
  lines?: number[];
}

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
