import type { CommandInput } from '../../core/messages/commands';

// The operator's two outputs besides the panel, switched from the panel's footer and from the settings page
// alike: the in-page overlay has its own command (the background tells every open room at once), sound is
// a plain setting.

export type OutputSetting = 'overlay' | 'sound';

/** The command that turns an output on or off. */
export function outputToggleCommand(setting: OutputSetting, enabled: boolean): CommandInput {
  return setting === 'overlay'
    ? { type: 'overlay.toggle', enabled }
    : { type: 'settings.update', patch: { sound: enabled } };
}
