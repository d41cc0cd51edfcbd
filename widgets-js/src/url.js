/**
 * URLs from the catalog, a campaign or a store template are set on href/src only when they are
 * http(s) or relative. `javascript:`, `data:`, `vbscript:` and every other scheme are refused,
 * however they are spelled (case, whitespace and control characters that browsers ignore).
 */
export function safeUrl(value) {
  if (typeof value !== 'string') return null;
  // Browsers strip leading/trailing C0 controls and spaces, and tabs/newlines anywhere.
  const url = value.replace(/[\u0000-\u0020]+$|^[\u0000-\u0020]+/g, '').replace(/[\t\n\r]/g, '');
  if (url === '' || url.length > 4000) return null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (scheme) return /^https?$/i.test(scheme[1]) ? url : null;
  // No scheme: a path, a query, a fragment or a protocol-relative //host/path. A backslash is
  // read as a slash by browsers, so "\\evil" or "/\evil" would leave the page's origin; refuse.
  if (url.indexOf('\\') !== -1) return null;
  return url;
}
