import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { BackgroundToRoom, OverlayCue } from '../../lib/core/messages/portProtocol';
import { createOverlayCard, type OverlayCard, overlayCss } from '../../lib/room/overlay/overlayCard';

// The in-page cue card, off by default. It lives in a shadow root so neither side's CSS leaks, and it
// is mounted only while enabled so a room without the overlay carries no extra DOM.

export interface OverlayController {
  handle(message: BackgroundToRoom): void;
  remove(): void;
}

export function createOverlayController(ctx: ContentScriptContext): OverlayController {
  let enabled = false;
  let cue: OverlayCue | null = null;
  let ui: ShadowRootContentScriptUi<OverlayCard> | undefined;
  let mounting = false;

  const setEnabled = (next: boolean) => {
    enabled = next;
    if (!enabled) {
      ui?.remove();
      ui = undefined;
      return;
    }
    if (ui) return ui.mounted?.show(cue);
    if (mounting) return;
    mounting = true;
    void createShadowRootUi(ctx, {
      name: 'livecue-overlay',
      position: 'overlay',
      zIndex: 2147483000,
      onMount(container, shadow) {
        const style = document.createElement('style');
        style.textContent = overlayCss;
        shadow.append(style);
        const card = createOverlayCard(document, { onClose: () => setEnabled(false) });
        container.append(card.element);
        card.show(cue);
        return card;
      },
      onRemove: (card) => card?.destroy(),
    }).then((created) => {
      mounting = false;
      if (!enabled) return;
      ui = created;
      ui.mount();
    });
  };

  return {
    handle(message) {
      if (message.type === 'overlay.set') setEnabled(message.enabled);
      else if (message.type === 'overlay.cue') {
        cue = message.cue;
        ui?.mounted?.show(cue);
      }
    },
    remove: () => setEnabled(false),
  };
}
