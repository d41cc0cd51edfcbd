/** What the script keeps of the shopper's visit: session start, page views, device, cart. */

const SESSION_KEY = 'vitrina_session_start';
const PAGE_VIEWS_KEY = 'vitrina_page_views';
const CART_KEY = 'vitrina_cart';
const CART_LIMIT = 200;

function store(root, kind) {
  try {
    const s = root[kind];
    if (!s) return null;
    s.setItem('vitrina_probe', '1');
    s.removeItem('vitrina_probe');
    return s;
  } catch (e) {
    return null;
  }
}

/** `desktop`, `mobile` or `tablet`, from the viewport's width and the user agent. */
export function deviceOf(width, userAgent) {
  const ua = String(userAgent || '');
  if (/iPad|Tablet|PlayBook|Silk|Kindle/i.test(ua) || (/Android/i.test(ua) && !/Mobile/i.test(ua))) return 'tablet';
  if (/Mobi|iPhone|iPod|Android.*Mobile|Windows Phone|Opera Mini/i.test(ua)) return 'mobile';
  if (typeof width === 'number' && width > 0) {
    if (width < 768) return 'mobile';
    if (width < 1024 && /Macintosh/i.test(ua) && /Safari/i.test(ua) && !/Chrome/i.test(ua)) return 'tablet'; // iPadOS says Macintosh
  }
  return 'desktop';
}

/**
 * The visit: when it began (sessionStorage, the server counts per-session caps from it) and how
 * many pages it has viewed, this one included. Without consent nothing is stored: the visit is
 * this page.
 */
export function startVisit(root, persist, now) {
  const s = persist ? store(root, 'sessionStorage') : null;
  let start = s && s.getItem(SESSION_KEY);
  if (!start || isNaN(Date.parse(start))) {
    start = new Date(now).toISOString();
    if (s) s.setItem(SESSION_KEY, start);
  }
  let views = Number(s ? s.getItem(PAGE_VIEWS_KEY) : 0) || 0;
  views += 1;
  if (s) s.setItem(PAGE_VIEWS_KEY, String(views));
  return { sessionStart: start, pageViews: views };
}

/** The cart the page reported (item ids, oldest first), applied to an event queued for sending. */
export function nextCart(cart, event) {
  const ids = (event.items || []).map((item) => item.item_id);
  if (event.name === 'add_to_cart') {
    const out = cart.filter((id) => ids.indexOf(id) === -1).concat(ids);
    return out.slice(Math.max(0, out.length - CART_LIMIT));
  }
  if (event.name === 'remove_from_cart') return cart.filter((id) => ids.indexOf(id) === -1);
  if (event.name === 'purchase') return [];
  return cart;
}

export function readCart(root) {
  const s = store(root, 'localStorage');
  try {
    const list = JSON.parse((s && s.getItem(CART_KEY)) || '[]');
    return Array.isArray(list) ? list.filter((id) => typeof id === 'string').slice(0, CART_LIMIT) : [];
  } catch (e) {
    return [];
  }
}

export function writeCart(root, cart) {
  const s = store(root, 'localStorage');
  if (!s) return;
  if (cart === null || cart.length === 0) s.removeItem(CART_KEY);
  else s.setItem(CART_KEY, JSON.stringify(cart));
}

export function forgetVisit(root) {
  writeCart(root, null);
  const s = store(root, 'sessionStorage');
  if (s) {
    s.removeItem(SESSION_KEY);
    s.removeItem(PAGE_VIEWS_KEY);
  }
}
