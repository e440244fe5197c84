import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BackgroundToRoom, OverlayCue } from '../../lib/core/messages/portProtocol';
import { createOverlayCard, type OverlayCard, overlayCss } from '../../lib/room/overlay/overlayCard';

// The in-page cue card, off by default. It lives in the closed shadow root of its own <livecue-overlay> element
// so neither side's CSS leaks and the page's scripts cannot read or change the cue (`host.shadowRoot` is null
// to them), and it is mounted only while enabled so a room without the overlay carries no extra DOM. Mounted by hand (a host, a shadow root, a style): WXT's shadow-root UI helper costs the content
// script ~2.6 KB gzip of its 16 KB budget for options Livecue does not use.

export interface OverlayController {
  handle(message: BackgroundToRoom): void;
  remove(): void;
}

interface Mounted {
  host: HTMLElement;
  card: OverlayCard;
}

export function createOverlayController(ctx: ContentScriptContext): OverlayController {
  let cue: OverlayCue | null = null;
  let mounted: Mounted | undefined;

  const unmount = () => {
    mounted?.card.destroy();
    mounted?.host.remove();
    mounted = undefined;
  };

  const mount = () => {
    if (mounted) return mounted.card.show(cue);
    const host = document.createElement('livecue-overlay');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = overlayCss;
    const card = createOverlayCard(document, { onClose: unmount });
    shadow.append(style, card.element);
    (document.body ?? document.documentElement).append(host);
    mounted = { host, card };
    card.show(cue);
  };
  ctx.onInvalidated(unmount);

  return {
    handle(message) {
      if (message.type === 'overlay.set') {
        if (message.enabled) mount();
        else unmount();
      } else if (message.type === 'overlay.cue') {
        cue = message.cue;
        mounted?.card.show(cue);
      }
    },
    remove: unmount,
  };
}
