import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { OverlayCard, overlayCss } from '../../components/overlay/OverlayCard';
import type { BackgroundToRoom, OverlayCue } from '../../lib/messages/portProtocol';

// The in-page cue card, off by default. It lives in a shadow root so neither side's CSS leaks, and it
// is mounted only while enabled so a room without the overlay carries no extra DOM.

export interface OverlayController {
  handle(message: BackgroundToRoom): void;
  remove(): void;
}

export function createOverlayController(ctx: ContentScriptContext): OverlayController {
  let enabled = false;
  let cue: OverlayCue | null = null;
  let ui: ShadowRootContentScriptUi<HTMLElement> | undefined;
  let mounting: Promise<void> | undefined;

  const draw = () => {
    if (!ui?.mounted) return;
    render(cue ? <OverlayCard cue={cue} onClose={() => setEnabled(false)} /> : null, ui.mounted);
  };

  const setEnabled = (next: boolean) => {
    enabled = next;
    if (!enabled) {
      ui?.remove();
      ui = undefined;
      mounting = undefined;
      return;
    }
    if (ui || mounting) return draw();
    mounting = createShadowRootUi(ctx, {
      name: 'livecue-overlay',
      position: 'overlay',
      zIndex: 2147483000,
      onMount(container, shadow) {
        const style = document.createElement('style');
        style.textContent = overlayCss;
        shadow.append(style);
        const host = document.createElement('div');
        container.append(host);
        return host;
      },
      onRemove(host) {
        if (host) render(null, host);
      },
    }).then((created) => {
      if (!enabled) return;
      ui = created;
      ui.mount();
      draw();
    });
  };

  return {
    handle(message) {
      if (message.type === 'overlay.set') setEnabled(message.enabled);
      else if (message.type === 'overlay.cue') {
        cue = message.cue;
        draw();
      }
    },
    remove: () => setEnabled(false),
  };
}
