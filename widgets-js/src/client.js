/**
 * The server's read endpoints, asked with plain GETs: the site key travels as `site_key` in the
 * query, so a cross-origin request needs no preflight.
 */

/** A query string of the set values; arrays comma-joined, empty ones left out. */
export function query(params) {
  const parts = [];
  for (const name of Object.keys(params)) {
    let value = params[name];
    if (Array.isArray(value)) value = value.join(',');
    if (value === null || value === undefined || value === '') continue;
    parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(String(value)));
  }
  return parts.join('&');
}

/** GET endpoint + path ? params: the parsed JSON of a 200, else null (never throws). */
export function getJson(root, server, path, params, timeoutMs) {
  if (typeof root.fetch !== 'function') return Promise.resolve(null);
  const url = server.endpoint + path + '?' + query(Object.assign({}, params, { site_key: server.siteKey }));
  let controller = null;
  let timer = null;
  try {
    controller = typeof root.AbortController === 'function' ? new root.AbortController() : null;
    if (controller) timer = root.setTimeout(() => controller.abort(), timeoutMs || 5000);
  } catch (e) {
    controller = null;
  }
  return root
    .fetch(url, { method: 'GET', credentials: 'omit', signal: controller ? controller.signal : undefined })
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null)
    .then((body) => {
      if (timer !== null) root.clearTimeout(timer);
      return body && typeof body === 'object' ? body : null;
    });
}
