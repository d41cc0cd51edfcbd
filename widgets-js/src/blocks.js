/**
 * <div data-vitrina-block="NAME" data-item-id data-category data-query data-cart data-limit
 * data-title data-template>: filled from GET /v1/blocks/NAME when it comes near the viewport.
 */
import { getJson } from './client.js';
import { renderStrip, usableItems, watchStrip } from './strip.js';

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The request's context from the element's attributes; `cart()` for data-cart="auto". */
export function blockParams(element, cart) {
  const attr = (name) => {
    const value = element.getAttribute(name);
    return value === null ? undefined : value.trim() || undefined;
  };
  const params = { item: attr('data-item-id'), category: attr('data-category'), q: attr('data-query') };
  const cartAttr = attr('data-cart');
  if (cartAttr === 'auto') params.cart = cart();
  else if (cartAttr) params.cart = cartAttr.split(',').map((id) => id.trim()).filter(Boolean);
  const limit = Number(attr('data-limit'));
  if (limit >= 1 && limit <= 100 && Math.floor(limit) === limit) params.limit = limit;
  return params;
}

export function createBlocks(ctx) {
  const states = new Map(); // element -> {loading, stop, fallback}
  let near = null;

  function lazyObserver() {
    if (near || typeof ctx.root.IntersectionObserver !== 'function') return near;
    near = new ctx.root.IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          near.unobserve(entry.target);
          load(entry.target);
        }
      },
      { rootMargin: ctx.options.lazyMargin || '300px 0px' }
    );
    return near;
  }

  function load(element) {
    const state = states.get(element);
    if (!state || state.loading || !element.isConnected) return;
    const name = element.getAttribute('data-vitrina-block');
    const server = ctx.server();
    if (!server) return;
    state.loading = true;
    const params = Object.assign(blockParams(element, ctx.cart), ctx.shopper());
    getJson(ctx.root, server, '/v1/blocks/' + encodeURIComponent(name), params).then((body) => {
      state.loading = false;
      render(element, state, name, body);
    });
  }

  function render(element, state, name, body) {
    state.stop();
    state.stop = () => {};
    const items = usableItems(body && body.items).slice(0, 100);
    if (items.length === 0) {
      element.replaceChildren(...state.fallback);
      element.setAttribute('data-vitrina-state', body ? 'empty' : 'failed');
      return;
    }
    const templateName = element.getAttribute('data-template') || name;
    const template = ctx.doc.querySelector('template[data-vitrina-template="' + templateName + '"]');
    const node = renderStrip(ctx.doc, items, {
      template: template && NAME.test(templateName) ? template : null,
      heading: element.getAttribute('data-title'),
      section: true,
      currency: ctx.options.currency,
      locale: ctx.options.locale,
    });
    element.replaceChildren(node);
    element.setAttribute('data-vitrina-state', 'filled');
    const listId = typeof body.block === 'string' ? body.block : name;
    state.stop = watchStrip(ctx, { view: element, click: element }, listId, body.token, items);
  }

  /** Finds the blocks under `scope` not seen yet, and loads each when it comes near. */
  function scan(scope) {
    const found = [];
    if (scope.nodeType === 1 && scope.hasAttribute('data-vitrina-block')) found.push(scope);
    if (scope.querySelectorAll) found.push(...scope.querySelectorAll('[data-vitrina-block]'));
    for (const element of found) {
      if (states.has(element)) continue;
      const name = element.getAttribute('data-vitrina-block');
      if (!NAME.test(name || '')) {
        ctx.warn('data-vitrina-block="' + name + '" is not a block name (a-z, 0-9, _ and -); left alone');
        states.set(element, { loading: true, stop() {}, fallback: [] });
        continue;
      }
      states.set(element, { loading: false, stop() {}, fallback: Array.prototype.slice.call(element.childNodes) });
      const observer = lazyObserver();
      if (observer) observer.observe(element);
      else load(element);
    }
  }

  /** Asks every block on the page again (new context: the cart, the shopper). */
  function refresh() {
    for (const [element, state] of states) {
      if (!element.isConnected) {
        state.stop();
        states.delete(element);
      } else if (element.getAttribute('data-vitrina-state')) load(element);
    }
  }

  /** The page's context for the decision: the first block's item and category. */
  function context() {
    const out = {};
    for (const element of states.keys()) {
      if (!out.item && element.getAttribute('data-item-id')) out.item = element.getAttribute('data-item-id');
      if (!out.category && element.getAttribute('data-category')) out.category = element.getAttribute('data-category');
    }
    return out;
  }

  return { scan, refresh, context };
}
