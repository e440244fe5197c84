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

/** The profile's nodes by id, and each node's parent: its stacks, walked from a sample up. */
export function profileTree(profile: CpuProfile): {
  byId: Map<number, ProfileNode>;
  parent: Map<number, number>;
} {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  return { byId, parent };
}

/** A frame of one of the extension's own scripts. */
export const inExtension = (node: ProfileNode): boolean =>
  node.callFrame.url.startsWith('chrome-extension://');
