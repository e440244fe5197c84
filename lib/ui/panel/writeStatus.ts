import type { CommandResult } from '../../core/messages/commands';
import { z } from '../../core/zodMini';

// The background answers `status.get` with the state of its database writes; a failing write
// (quota, closed database) must be visible in the panel while the data waits in memory.

const statusSchema = z.object({
  write: z.object({
    state: z.string(),
    error: z.nullish(z.string()),
  }),
});

const HEALTHY_STATES = new Set(['ok', 'idle', 'writing']);

export type WriteWarning =
  | { kind: 'none' }
  | { kind: 'failing'; error: string }
  | { kind: 'unreachable'; error: string };

export function writeWarningFrom(result: CommandResult): WriteWarning {
  if (!result.ok) return { kind: 'unreachable', error: result.error };
  const parsed = statusSchema.safeParse(result.data);
  if (!parsed.success) return { kind: 'none' };
  const { state, error } = parsed.data.write;
  if (HEALTHY_STATES.has(state) && !error) return { kind: 'none' };
  return { kind: 'failing', error: error ?? state };
}
