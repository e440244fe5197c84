import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// CPU time (user + system) of a whole process tree, read from /proc (Linux): what `npm test` prints per
// stage, since on a shared machine the CPU a stage took says more than its wall time. `time` and
// `process.resourceUsage` miss most of it: Chromium's renderers are reparented away from the tree when the
// browser exits, so their time never reaches the process that started it. Sampled: a process that lived
// less than a sample apart, or its last fraction of a sample, is missed.

export interface ProcEntry {
  ppid: number;
  /** Start time in clock ticks after boot: with the pid, it tells a reused pid from its predecessor. */
  start: number;
  /** User + system time, in clock ticks. */
  ticks: number;
}

/** One /proc/<pid>/stat line, or null when it is not one (the command name may hold spaces and parens). */
export function parseProcStat(line: string): ProcEntry | null {
  const close = line.lastIndexOf(')');
  if (close < 0) return null;
  // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
  const fields = line
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const ppid = Number(fields[1]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const start = Number(fields[19]);
  if (![ppid, utime, stime, start].every(Number.isFinite)) return null;
  return { ppid, start, ticks: utime + stime };
}

/**
 * The processes /proc shows now, by pid (empty where there is no /proc), except those in `skip`: a caller
 * that knows a pid is not its own reads its stat file once, not at every look.
 */
export function readProcTable(procDir = '/proc', skip?: ReadonlySet<number>): Map<number, ProcEntry> {
  const table = new Map<number, ProcEntry>();
  if (!existsSync(procDir)) return table;
  for (const name of readdirSync(procDir)) {
    if (!/^\d+$/.test(name) || skip?.has(Number(name))) continue;
    try {
      const entry = parseProcStat(readFileSync(join(procDir, name, 'stat'), 'utf8'));
      if (entry) table.set(Number(name), entry);
    } catch {
      // It exited between the listing and the read.
    }
  }
  return table;
}

/**
 * The CPU ticks of the tree under each root pid, summed over every process seen in it: a process joins the
 * tree of its parent when first seen there and stays counted after it exits or is reparented.
 */
export class ProcessTreeCpu {
  /** `pid:start` of each process seen → [root, last ticks seen]. */
  private readonly seen = new Map<string, [number, number]>();
  /** Root pid → its start time, once seen (so a reused pid is not taken for it). */
  private readonly roots = new Map<number, number | undefined>();

  addRoot(pid: number): void {
    this.roots.set(pid, undefined);
  }

  /** Takes one look at the process table; returns the pids in a tree. */
  sample(table: ReadonlyMap<number, ProcEntry>): Set<number> {
    const rootOf = new Map<number, number>();
    for (const [pid, entry] of table) {
      const known = this.seen.get(`${pid}:${entry.start}`);
      if (known) rootOf.set(pid, known[0]);
      else if (this.roots.has(pid) && (this.roots.get(pid) ?? entry.start) === entry.start) {
        this.roots.set(pid, entry.start);
        rootOf.set(pid, pid);
      }
    }
    // Down from the members: a process whose parent is in a tree is in it.
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, entry] of table) {
        const root = rootOf.get(entry.ppid);
        if (root === undefined || rootOf.has(pid)) continue;
        rootOf.set(pid, root);
        grew = true;
      }
    }
    for (const [pid, root] of rootOf) {
      const entry = table.get(pid)!;
      this.seen.set(`${pid}:${entry.start}`, [root, entry.ticks]);
    }
    return new Set(rootOf.keys());
  }

  /** CPU ticks of the tree under `root` so far. */
  ticksOf(root: number): number {
    let ticks = 0;
    for (const [r, t] of this.seen.values()) if (r === root) ticks += t;
    return ticks;
  }
}

/**
 * Samples the trees under the given roots from /proc. A process outside every tree is read once and then
 * skipped while it lives (a pid is reused only after it is gone from the listing); those in a tree are read
 * at every look, for their time.
 */
export class ProcSampler {
  readonly trees = new ProcessTreeCpu();
  private strangers = new Set<number>();

  constructor(private readonly procDir = '/proc') {}

  sample(): void {
    if (!existsSync(this.procDir)) return;
    const listed = new Set(
      readdirSync(this.procDir)
        .filter((name) => /^\d+$/.test(name))
        .map(Number),
    );
    for (const pid of this.strangers) if (!listed.has(pid)) this.strangers.delete(pid);
    const table = readProcTable(this.procDir, this.strangers);
    const members = this.trees.sample(table);
    for (const pid of table.keys()) if (!members.has(pid)) this.strangers.add(pid);
  }
}

/** Clock ticks per second (`getconf CLK_TCK`; 100 on every Linux this runs on). */
export function clockTicksPerSecond(): number {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(out.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
}
