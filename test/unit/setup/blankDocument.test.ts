// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { blankDocument } from '../../setup/blankDocument';

describe('the blank page the next happy-dom file starts from', () => {
  it('leaves nothing of a mounted page: root attributes, head, body, title', () => {
    const doc = new DOMParser().parseFromString(
      '<html lang="zh" data-scenario-time="1"><head><title>直播中控台</title><style>b{}</style></head>' +
        '<body class="dark"><div id="metric-area">在线 1,204</div></body></html>',
      'text/html',
    );
    blankDocument(doc);
    expect(doc.documentElement.outerHTML).toBe('<html><head></head><body></body></html>');
    expect(doc.title).toBe('');
    expect(doc.getElementById('metric-area')).toBeNull();
    // Still a working page: the next file mounts into it.
    doc.body.append(doc.createElement('main'));
    expect(doc.body.children.length).toBe(1);
  });
});
