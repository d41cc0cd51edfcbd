/**
 * Vitrina's one browser script: the tracker, recommendation blocks, content slots and pop-ups,
 * wired to window.vitrina (see widgets-js/README.md). Bundled by build.mjs into dist/vitrina.js.
 */
import { createTracker } from './tracker.js';
import { createBlocks } from './blocks.js';
import { createSlots } from './slots.js';
import { createPopups } from './popups.js';
import { getJson } from './client.js';
import { deviceOf, startVisit, nextCart, readCart, writeCart, forgetVisit } from './session.js';
import { ensurePageStyles } from './styles.js';
import { warn, safe, isObject, idOf } from './util.js';

const VERSION = '0.2.0';
const CART_EVENTS = ['add_to_cart', 'remove_from_cart', 'purchase'];

function start(root) {
  if (!root || typeof root !== 'object' || !root.document) return;
  if (root.vitrina && root.vitrina.__vitrina) return; // loaded twice: keep the first
  const doc = root.document;
  const options = {};
  let cart = [];
  let visit = null;
  let begun = false;
  let decision = null;
  let asked = 0;

  const tracker = createTracker(root, onEvent, onConsent);
  const ctx = {
    root,
    doc,
    options,
    warn,
    server: () => tracker.server(),
    /** The shopper's ids, only with consent: without it the server is asked nothing personal. */
    shopper: () => (tracker.tracking() ? { visitor: tracker.visitorId(), customer: tracker.customerId() || undefined } : {}),
    cart: () => cart.slice(),
    track: (name, params) => tracker.track(name, params),
    flush: () => tracker.flush(),
    device: () => deviceOf(root.innerWidth, root.navigator && root.navigator.userAgent),
  };
  const blocks = createBlocks(ctx);
  const slots = createSlots(ctx);
  const popups = createPopups(ctx);

  function onEvent(event) {
    if (CART_EVENTS.indexOf(event.name) !== -1) {
      cart = nextCart(cart, event);
      writeCart(root, cart);
    }
    if (event.name === 'add_to_cart' && begun) popups.addToCart();
  }

  function onConsent(granted) {
    if (!begun) return;
    if (granted) {
      cart = readCart(root);
      visit = startVisit(root, true, Date.now());
      decide();
    } else {
      popups.disarm();
      forgetVisit(root);
      cart = [];
      decision = null;
    }
  }

  /** GET /v1/decide: the slots' content and the campaigns this page may show; only with consent. */
  function decide() {
    const server = tracker.server();
    if (!server || !tracker.tracking()) return;
    const seq = ++asked;
    const page = Object.assign(blocks.context(), options.page);
    const params = Object.assign(
      {
        url: (root.location.pathname + root.location.search).slice(0, 2000),
        device: ctx.device(),
        slots: slots.names(),
        session_start: visit.sessionStart,
        item: page.item,
        category: page.category,
        cart: cart.slice(0, 200),
      },
      ctx.shopper()
    );
    getJson(root, server, '/v1/decide', params).then((body) => {
      if (seq !== asked || !tracker.tracking()) return;
      decision = body;
      slots.apply(body && isObject(body.slots) ? body.slots : null);
      popups.arm(body && Array.isArray(body.campaigns) ? body.campaigns : [], visit);
    });
  }

  /** Blocks and slots added to the page later (a single-page shop, infinite scroll) are filled too. */
  function observe() {
    if (typeof root.MutationObserver !== 'function') return;
    let pending = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      const nodes = pending;
      pending = [];
      const added = [];
      for (const node of nodes) {
        if (!node.isConnected) continue;
        blocks.scan(node);
        added.push(...slots.scan(node));
      }
      if (added.length && decision) slots.apply(decision.slots || null, added);
    };
    new root.MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) pending.push(node);
      if (pending.length && !scheduled) {
        scheduled = true;
        root.setTimeout(flush, 30);
      }
    }).observe(doc.documentElement, { childList: true, subtree: true });
  }

  function begin() {
    begun = true;
    ensurePageStyles(doc);
    const tracking = tracker.tracking();
    cart = tracking ? readCart(root) : [];
    visit = startVisit(root, tracking, Date.now());
    blocks.scan(doc.body || doc.documentElement);
    slots.scan(doc.body || doc.documentElement);
    observe();
    decide();
  }

  function init(opts) {
    if (!tracker.init(opts)) return false;
    options.currency = typeof opts.currency === 'string' && /^[A-Za-z]{3}$/.test(opts.currency) ? opts.currency.toUpperCase() : undefined;
    options.locale = typeof opts.locale === 'string' ? opts.locale : undefined;
    options.lazyMargin = typeof opts.lazyMargin === 'string' ? opts.lazyMargin : undefined;
    options.page = isObject(opts.page) ? { item: idOf(opts.page.item) || undefined, category: typeof opts.page.category === 'string' ? opts.page.category : undefined } : {};
    if (!begun) {
      if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', safe('start', begin), { once: true });
      else begin();
    }
    return true;
  }

  const api = {
    __vitrina: true,
    version: VERSION,
    init: safe('init', init, false),
    track: tracker.track,
    identify: tracker.identify,
    visitorId: tracker.visitorId,
    customerId: tracker.customerId,
    setConsent: tracker.setConsent,
    flush: tracker.flush,
    /** Asks the decision again and re-renders the blocks (after add to cart, a login…). */
    refresh: safe('refresh', () => {
      if (!begun) return false;
      decide();
      blocks.refresh();
      return true;
    }, false),
    /** The item ids the script knows are in the cart (from add_to_cart/remove_from_cart/purchase). */
    cart: safe('cart', () => cart.slice(), []),
  };

  /** vitrina.push(['track', 'view_item', {...}]): the form a stub page uses before the script loads. */
  api.push = safe('push', (call) => {
    if (Array.isArray(call) && typeof call[0] === 'string' && call[0] !== 'push' && typeof api[call[0]] === 'function') {
      return api[call[0]].apply(null, call.slice(1));
    }
    warn('ignored a call that is not [method, ...args]:', call);
    return undefined;
  });

  // Calls made before the script loaded, through a stub such as
  //   window.vitrina = window.vitrina || []; vitrina.push(['init', {...}]);
  // are replayed in order; later vitrina.push calls keep working.
  const early = Array.isArray(root.vitrina) ? root.vitrina : null;
  root.vitrina = api;
  if (early) for (const call of early) api.push(call);
}

start(typeof window !== 'undefined' ? window : undefined);
