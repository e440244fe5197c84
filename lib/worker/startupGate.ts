// What a worker's start does besides registering its listeners — the badge's and notifications' watch of
// the open cues, the alarms' and the enabled sites' checks, a room's welcome — waits until the first
// samples the worker was woken for are stored, so none of it competes with them for the database and the
// worker's one thread (issue 19: cold start → first stored sample). A worker woken by something else (an
// alarm, a page) runs it after STARTUP_WAIT_MS. Nothing here may be needed to store a sample.

export const STARTUP_WAIT_MS = 1000;

export interface StartupGate {
  /** Runs `task` once the first samples are stored (at once when they are, at the latest after the wait). */
  later(task: () => void): void;
  /** The first samples are stored (or answered): what waited runs now. */
  open(): void;
  readonly isOpen: boolean;
}

export function createStartupGate(waitMs = STARTUP_WAIT_MS): StartupGate {
  let isOpen = false;
  const tasks: (() => void)[] = [];
  const run = (task: () => void) => {
    try {
      task();
    } catch (error) {
      console.error('Livecue: a start-up task failed', error);
    }
  };
  const open = () => {
    if (isOpen) return;
    isOpen = true;
    clearTimeout(timer);
    for (const task of tasks.splice(0)) run(task);
  };
  const timer = setTimeout(open, waitMs);
  return {
    later(task) {
      if (isOpen) run(task);
      else tasks.push(task);
    },
    open,
    get isOpen() {
      return isOpen;
    },
  };
}

/** A gate that is open from the start (tests, and parts used without a worker's start). */
export const OPEN_GATE: Pick<StartupGate, 'later'> = { later: (task) => task() };
