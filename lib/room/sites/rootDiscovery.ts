import { byDocumentOrder } from './documentOrder';
import { frameDocument } from './pageText';

// Finding a page's open shadow roots and same-origin frames, which the reader walks and observes besides the
// document. Asking every element for its shadow root is linear in the page, and in the content script each
// element it touches costs a wrapper (~1–3 µs: 30–90 ms on a dashboard of 30k elements). The first look asks
// only where a shadow root can be, found by native queries: custom elements (whatever their name, it has a
// hyphen), built-in hosts left empty (a micro-frontend's box, qiankun's or Garfish's, once its content moved
// into the shadow root: a host's own children are not drawn unless its shadow root slots them) and frames.
// A built-in host that keeps children of its own is found by the full look the reader repeats, paced, while
// some metric is missing, in slices (rootDiscovery): in one go it was a long task of its own on a big page.

type FoundRoot = (root: Document | ShadowRoot) => void;

/** The built-in elements that may host a shadow root (DOM Standard, attachShadow). */
const BUILT_IN_HOSTS = [
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
];
/** Empty built-in hosts (`:empty` first: most elements fail it at once). */
const EMPTY_HOSTS = `:empty:is(${BUILT_IN_HOSTS.join(',')})`;
/**
 * The elements a page's markup names that are not custom: HTML's (obsolete ones too), SVG's and MathML's, the
 * commonest first (a `:not()` list stops at its first match). No CSS selector matches a hyphen in a name, so
 * custom elements are found as what is none of these: one native query that compares each element's name
 * with a few of these. A name missing here only makes its elements candidates too (asked for a shadow root,
 * which they cannot have); none of them has a hyphen, so no custom element is ever left out. (XPath's
 * `contains(local-name(), "-")` finds the same, ~10× slower in Chromium: ~15 ms on 30k elements.)
 */
export const KNOWN_ELEMENTS = [
  'div,span,a,p,li,i,b,img,svg,path,button,td,tr,ul,input,label,em,strong,section,header,footer,main,nav',
  'article,aside,h1,h2,h3,h4,h5,h6,table,tbody,thead,tfoot,th,ol,dl,dt,dd,form,select,option,textarea',
  'html,head,body,meta,title,style,script,link,noscript,template,slot,br,hr,pre,code,small,sub,sup,u,s',
  'abbr,acronym,address,applet,area,audio,base,basefont,bdi,bdo,bgsound,big,blink,blockquote,canvas',
  'caption,center,cite,col,colgroup,data,datalist,del,details,dfn,dialog,dir,embed,fieldset,figcaption',
  'figure,font,frame,frameset,hgroup,iframe,image,ins,isindex,kbd,keygen,legend,listing,map,mark,marquee',
  'menu,menuitem,meter,multicol,nextid,nobr,noembed,noframes,object,optgroup,output,param,picture',
  'plaintext,progress,q,rb,rp,rt,rtc,ruby,samp,search,source,spacer,strike,summary,time,track,tt,var',
  'video,wbr,xmp,g,circle,ellipse,line,polyline,polygon,rect,text,tspan,textPath,defs,use,symbol,clipPath',
  'mask,pattern,linearGradient,radialGradient,stop,filter,foreignObject,marker,desc,metadata,view,switch',
  'animate,animateMotion,animateTransform,set,mpath,feBlend,feColorMatrix,feComponentTransfer,feComposite',
  'feConvolveMatrix,feDiffuseLighting,feDisplacementMap,feDistantLight,feDropShadow,feFlood,feFuncA',
  'feFuncB,feFuncG,feFuncR,feGaussianBlur,feImage,feMerge,feMergeNode,feMorphology,feOffset,fePointLight',
  'feSpecularLighting,feSpotLight,feTile,feTurbulence,math,mi,mn,mo,ms,mtext,mrow,mfrac,msqrt,mroot,msup',
  'msub,msubsup,munder,mover,munderover,mtable,mtr,mtd,mspace,mstyle,semantics,annotation,mpadded',
  'mphantom,menclose,merror,mglyph,maction,mprescripts,none',
].join(',');
/** Custom elements (and names no list knows) under a root, by one native query. */
const NOT_KNOWN = `:not(${KNOWN_ELEMENTS})`;
/**
 * The native queries that find candidate hosts, each asked alone: a lone tag name takes the engine's fast path
 * where a selector list is matched against every element selector by selector (Chromium, 30k elements:
 * `iframe,frame` ~1.1 ms, `iframe` and `frame` ~0.1 ms each). No element matches two of them.
 */
const CANDIDATE_QUERIES = [NOT_KNOWN, EMPTY_HOSTS, 'iframe', 'frame'];

/** `el`'s open shadow root (never our own overlay's) or same-origin frame document, if it hosts one. */
function hostedRoot(el: Element): Document | ShadowRoot | null {
  const shadow = el.shadowRoot;
  if (shadow) return el.tagName === 'LIVECUE-OVERLAY' ? null : shadow;
  if (el.tagName !== 'IFRAME' && el.tagName !== 'FRAME') return null;
  const frame = frameDocument(el);
  return frame?.documentElement ? frame : null;
}

/** A look that asks every element, in slices. */
export interface RootDiscovery {
  /** Asks elements until `deadline` (on `now`'s clock); true once every one was asked. */
  step(deadline: number, now?: () => number): boolean;
}

/** Elements asked between looks at the clock. */
const CLOCK_EVERY = 256;

/**
 * Every open shadow root and same-origin frame document under `root`, nested ones too (WeChat's `<wujie-app>`,
 * a dashboard's data frame), except our own overlay's, in document order: every element is asked, slice by
 * slice. In the content script each element asked costs a wrapper (~1–3 µs): on a page of 30k elements a whole
 * look took 30–90 ms, a long task each time the reader repeated it. The elements are those under `root` when
 * the look starts (what is added later, the reader searches as added); a host taken off the page between
 * slices is not reported.
 */
export function rootDiscovery(root: ParentNode, found: FoundRoot): RootDiscovery {
  // The lists still to ask, a root found meanwhile on top, so nested roots come right after their host.
  const lists: { elements: NodeListOf<Element>; next: number }[] = [
    { elements: root.querySelectorAll('*'), next: 0 },
  ];
  return {
    step(deadline, now = () => performance.now()) {
      let asked = 0;
      while (lists.length > 0) {
        const list = lists[lists.length - 1]!;
        if (list.next >= list.elements.length) {
          lists.pop();
          continue;
        }
        const el = list.elements[list.next++]!;
        const inner = hostedRoot(el);
        if (inner && el.isConnected) {
          found(inner);
          lists.push({ elements: inner.querySelectorAll('*'), next: 0 });
        }
        if (++asked % CLOCK_EVERY === 0 && now() > deadline) return false;
      }
      return true;
    },
  };
}

/** rootDiscovery in one go (a subtree just added, a test). */
export function discoverRoots(root: ParentNode, found: FoundRoot): void {
  rootDiscovery(root, found).step(Number.POSITIVE_INFINITY);
}

/**
 * The open shadow roots and same-origin frame documents under `root` where a page puts them (see above), nested
 * ones too, in document order: the elements asked are the few that can be hosts, found natively.
 */
export function discoverLikelyRoots(root: ParentNode, found: FoundRoot): void {
  const lists = CANDIDATE_QUERIES.map((selector) => root.querySelectorAll(selector)).filter(
    (l) => l.length > 0,
  );
  const candidates =
    lists.length > 1 ? lists.flatMap((list) => [...list]).sort(byDocumentOrder) : [...(lists[0] ?? [])];
  for (const el of candidates) {
    const inner = hostedRoot(el);
    if (inner) {
      found(inner);
      discoverLikelyRoots(inner, found);
    }
  }
}
