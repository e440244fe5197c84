import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ProcEntry,
  ProcessTreeCpu,
  ProcSampler,
  parseProcStat,
  readProcTable,
} from '../../../../scripts/node/processTreeCpu';

// `npm test` prints the CPU each stage took, its whole process tree included: Chromium's renderers outlive
// their place in the tree (reparented when the browser exits), and a pid can be reused by a stranger.

/** A /proc/<pid>/stat line with the fields the reader uses. */
function statLine(pid: number, comm: string, ppid: number, utime: number, stime: number, start: number) {
  const fields = ['S', ppid, pid, pid, 0, -1, 4194304, 10, 0, 0, 0, utime, stime, 0, 0, 20, 0, 1, 0, start];
  return `${pid} (${comm}) ${fields.join(' ')} 1000 200 18446744073709551615`;
}

const table = (...rows: [number, ProcEntry][]) => new Map(rows);

describe('parseProcStat', () => {
  it('reads the parent, start time and user + system ticks, whatever the command name holds', () => {
    expect(parseProcStat(statLine(42, 'node', 7, 150, 30, 9000))).toEqual({
      ppid: 7,
      start: 9000,
      ticks: 180,
    });
    expect(parseProcStat(statLine(43, 'Web Content (x) )', 42, 5, 1, 9100))).toEqual({
      ppid: 42,
      start: 9100,
      ticks: 6,
    });
  });

  it('refuses a line that is not a stat line', () => {
    expect(parseProcStat('')).toBeNull();
    expect(parseProcStat('12 (x) S not numbers')).toBeNull();
  });
});

describe('readProcTable', () => {
  it('reads every numbered folder and skips the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'livecue-proc-'));
    for (const [pid, line] of [
      [1, statLine(1, 'init', 0, 1, 1, 1)],
      [20, statLine(20, 'chromium', 1, 300, 100, 500)],
    ] as const) {
      mkdirSync(join(dir, String(pid)));
      writeFileSync(join(dir, String(pid), 'stat'), line);
    }
    mkdirSync(join(dir, 'self'));
    mkdirSync(join(dir, '31'));
    expect(readProcTable(dir)).toEqual(
      new Map([
        [1, { ppid: 0, start: 1, ticks: 2 }],
        [20, { ppid: 1, start: 500, ticks: 400 }],
      ]),
    );
    expect(readProcTable(join(dir, 'none'))).toEqual(new Map());
  });
});

describe('ProcessTreeCpu', () => {
  it('sums the tree under each root, keeping the time of processes that exited', () => {
    const cpu = new ProcessTreeCpu();
    cpu.addRoot(10);
    cpu.addRoot(50);
    cpu.sample(
      table(
        [10, { ppid: 1, start: 100, ticks: 5 }],
        [11, { ppid: 10, start: 101, ticks: 20 }],
        [12, { ppid: 11, start: 102, ticks: 7 }],
        [50, { ppid: 1, start: 150, ticks: 3 }],
        [99, { ppid: 1, start: 90, ticks: 1000 }],
      ),
    );
    expect(cpu.ticksOf(10)).toBe(32);
    expect(cpu.ticksOf(50)).toBe(3);
    // 12 exits; 11 works on.
    cpu.sample(
      table(
        [10, { ppid: 1, start: 100, ticks: 5 }],
        [11, { ppid: 10, start: 101, ticks: 60 }],
        [50, { ppid: 1, start: 150, ticks: 4 }],
      ),
    );
    expect(cpu.ticksOf(10)).toBe(72);
    expect(cpu.ticksOf(50)).toBe(4);
  });

  it('keeps counting a renderer reparented to init when its browser exits', () => {
    const cpu = new ProcessTreeCpu();
    cpu.addRoot(10);
    cpu.sample(
      table(
        [10, { ppid: 1, start: 100, ticks: 1 }],
        [20, { ppid: 10, start: 110, ticks: 10 }],
        [21, { ppid: 20, start: 111, ticks: 10 }],
      ),
    );
    cpu.sample(table([10, { ppid: 1, start: 100, ticks: 1 }], [21, { ppid: 1, start: 111, ticks: 40 }]));
    expect(cpu.ticksOf(10)).toBe(51);
  });

  it('does not take a stranger that reuses a pid of the tree, nor its children', () => {
    const cpu = new ProcessTreeCpu();
    cpu.addRoot(10);
    cpu.sample(table([10, { ppid: 1, start: 100, ticks: 1 }], [20, { ppid: 10, start: 110, ticks: 10 }]));
    cpu.sample(
      table(
        [10, { ppid: 1, start: 100, ticks: 2 }],
        [20, { ppid: 1, start: 999, ticks: 500 }],
        [30, { ppid: 20, start: 1000, ticks: 70 }],
      ),
    );
    expect(cpu.ticksOf(10)).toBe(12);
    // Nor a stranger on the root's own pid once the root is gone.
    cpu.sample(table([10, { ppid: 1, start: 2000, ticks: 900 }]));
    expect(cpu.ticksOf(10)).toBe(12);
  });

  it('counts nothing for a root never seen', () => {
    const cpu = new ProcessTreeCpu();
    cpu.addRoot(10);
    cpu.sample(table([99, { ppid: 1, start: 90, ticks: 1000 }]));
    expect(cpu.ticksOf(10)).toBe(0);
  });
});

describe('ProcSampler', () => {
  it('follows a tree in /proc, reading a stranger once while it lives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'livecue-proc-'));
    const write = (pid: number, ppid: number, ticks: number, start = pid) => {
      mkdirSync(join(dir, String(pid)), { recursive: true });
      writeFileSync(join(dir, String(pid), 'stat'), statLine(pid, 'p', ppid, ticks, 0, start));
    };
    write(1, 0, 9);
    write(10, 1, 2);
    write(11, 10, 3);
    const sampler = new ProcSampler(dir);
    sampler.trees.addRoot(10);
    sampler.sample();
    expect(sampler.trees.ticksOf(10)).toBe(5);
    // A stranger is not read again while it lives (were it read, this stat would put it in the tree).
    write(1, 10, 500, 1);
    write(11, 10, 8);
    write(12, 11, 4);
    sampler.sample();
    expect(sampler.trees.ticksOf(10)).toBe(14);
  });
});
