// Chrome refuses a runtime message whose JSON is over 64 MiB, with an error that says nothing useful; the
// sessions page checks first. What counts is the message as sent — the file's text inside a JSON string, so every
// quote, backslash and control character is escaped, and every character is UTF-8 (a Chinese character is
// three bytes) — not the file's length in characters.

/** Chrome's limit on one extension message (extensions/common/api/messaging/message.h kMaxMessageLength). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** UTF-8 bytes of `JSON.stringify(text)`, counted without building it (the text can be tens of MB). */
export function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x20)
      bytes += code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 2 : 6;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 6;
    } else if (code >= 0xdc00 && code <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** UTF-8 bytes of the serialised `history.import` message carrying `text`. */
export function importMessageBytes(text: string): number {
  return JSON.stringify({ type: 'history.import', json: '' }).length - 2 + jsonStringBytes(text);
}
