import { expect, it } from 'vitest';
import { outputToggleCommand } from '../../../../lib/ui/common/outputToggle';

it('turns the overlay on and off by its own command, and sound as a setting', () => {
  expect(outputToggleCommand('overlay', true)).toEqual({ type: 'overlay.toggle', enabled: true });
  expect(outputToggleCommand('overlay', false)).toEqual({ type: 'overlay.toggle', enabled: false });
  expect(outputToggleCommand('sound', false)).toEqual({ type: 'settings.update', patch: { sound: false } });
});
