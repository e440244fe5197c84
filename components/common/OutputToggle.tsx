import type { CommandInput } from '../../lib/core/messages/commands';
import type { Settings } from '../../lib/core/settings/settingsSchema';
import { type OutputSetting, outputToggleCommand } from '../../lib/ui/common/outputToggle';

// One switch for the overlay or sound, as the side panel's footer and the settings page both show it:
// a labelled checkbox that sends the output's command (lib/ui/common/outputToggle.ts).

interface OutputToggleProps {
  setting: OutputSetting;
  settings: Pick<Settings, OutputSetting>;
  label: string;
  testId: string;
  class?: string;
  onCommand: (command: CommandInput) => unknown;
}

export function OutputToggle({
  setting,
  settings,
  label,
  testId,
  class: className,
  onCommand,
}: OutputToggleProps) {
  return (
    <label class={className}>
      <input
        type="checkbox"
        data-testid={testId}
        checked={settings[setting]}
        onChange={(event) => onCommand(outputToggleCommand(setting, event.currentTarget.checked))}
      />
      {label}
    </label>
  );
}
