/**
 * The tracker: first-party shopper events for a self-hosted Vitrina server (GA4 names and params).
 *
 *   init({endpoint, siteKey, flushInterval?, maxBatch?, consent?, autoPageView?})
 *   track(name, params)      GA4 event names and params (items, search_term, ...)
 *   identify(customerId)     ties this browser's visitor id to a customer (login)
 *   visitorId()              the first-party visitor id (for recommendation requests)
 *   setConsent(boolean)      false: stop, drop queued events, forget the stored ids
 *   flush()                  send queued events now
 *
 * Nothing here throws into the host page: mistakes are reported with console.warn.
 * `onEvent(event)` hears every event queued for sending (the cart and the pop-ups' add_to_cart
 * trigger follow them); `onConsent(granted)` hears consent change after init.
 */
import { warn, safe, isObject, idOf } from './util.js';

export function createTracker(root, onEvent, onConsent) {

  var VID_KEY = 'vitrina_vid';
  var CID_KEY = 'vitrina_cid';
  var COOKIE_MAX_AGE = 365 * 24 * 60 * 60; // one year, in seconds
  var BEACON_LIMIT = 60000; // browsers refuse beacons and keepalive bodies over 64 KiB in flight
  var PENDING_LIMIT = 100; // events tracked before init, kept until init

  /** Event names the server accepts, and what each one needs (mirrors the server's checks). */
  var EVENTS = {
    page_view: {},
    view_item: { items: true },
    view_item_list: {},
    select_item: { items: true },
    add_to_cart: { items: true },
    remove_from_cart: { items: true },
    begin_checkout: {},
    purchase: { items: true },
    search: { searchTerm: true },
    view_promotion: {},
    select_promotion: {},
    identify: {},
    add_to_wishlist: { items: true },
    view_cart: {},
    add_shipping_info: {},
    add_payment_info: {},
    refund: { transactionId: true },
    login: {},
    sign_up: {},
    generate_lead: {}
  };

  var state = {
    initialised: false,
    endpoint: null,
    siteKey: null,
    flushInterval: 2000,
    maxBatch: 20,
    consent: true,
    visitorId: null,
    visitorIdPersistent: false,
    customerId: null,
    queue: [],
    pending: [], // [name, params, timestamp] tracked before init
    timer: null,
    listening: false,
    pageViewOnConsent: false
  };

  // ---------------------------------------------------------------- storage

  function storage() {
    try {
      var s = root.localStorage;
      if (!s) return null;
      // Safari's private mode (older versions) throws on setItem: treat as missing.
      s.setItem('vitrina_probe', '1');
      s.removeItem('vitrina_probe');
      return s;
    } catch (e) {
      return null;
    }
  }

  function readLocal(key) {
    var s = storage();
    if (!s) return null;
    try {
      return s.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function writeLocal(key, value) {
    var s = storage();
    if (!s) return false;
    try {
      if (value === null) s.removeItem(key);
      else s.setItem(key, value);
      return true;
    } catch (e) {
      return false;
    }
  }

  function cookieSuffix() {
    var secure = root.location && root.location.protocol === 'https:' ? '; Secure' : '';
    return '; path=/; SameSite=Lax' + secure;
  }

  function readCookie(name) {
    try {
      var parts = String(root.document.cookie || '').split(';');
      for (var i = 0; i < parts.length; i++) {
        var part = parts[i].replace(/^\s+/, '');
        if (part.indexOf(name + '=') === 0) return decodeURIComponent(part.substring(name.length + 1));
      }
    } catch (e) {
      // cookies disabled or sandboxed document
    }
    return null;
  }

  function writeCookie(name, value) {
    try {
      if (value === null) root.document.cookie = name + '=; max-age=0' + cookieSuffix();
      else root.document.cookie = name + '=' + encodeURIComponent(value) + '; max-age=' + COOKIE_MAX_AGE + cookieSuffix();
    } catch (e) {
      // cookies disabled
    }
  }

  function validStoredId(value) {
    return typeof value === 'string' && /^[A-Za-z0-9_.:-]{8,100}$/.test(value) ? value : null;
  }

  function newId() {
    var c = root.crypto;
    try {
      if (c && typeof c.randomUUID === 'function') return c.randomUUID();
    } catch (e) {
      // randomUUID exists only in secure contexts; fall through
    }
    var bytes = new Array(16);
    try {
      if (c && typeof c.getRandomValues === 'function') bytes = Array.prototype.slice.call(c.getRandomValues(new Uint8Array(16)));
      else throw new Error('no crypto');
    } catch (e) {
      for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // UUID version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = '';
    for (var j = 0; j < 16; j++) {
      hex += (bytes[j] + 0x100).toString(16).substring(1);
      if (j === 3 || j === 5 || j === 7 || j === 9) hex += '-';
    }
    return hex;
  }

  /**
   * The visitor id. With consent it is read from localStorage (or the vitrina_vid cookie when
   * localStorage is unavailable or was cleared) and written back to both, refreshing the cookie's
   * year. Without consent nothing is read or stored: the id lives in memory only and is never sent.
   */
  function currentVisitorId() {
    if (!state.consent) {
      if (!state.visitorId) {
        state.visitorId = newId();
        state.visitorIdPersistent = false;
      }
      return state.visitorId;
    }
    if (!state.visitorIdPersistent) {
      var stored = validStoredId(readLocal(VID_KEY)) || validStoredId(readCookie(VID_KEY));
      state.visitorId = stored || state.visitorId || newId();
      state.visitorIdPersistent = true;
      writeLocal(VID_KEY, state.visitorId);
      writeCookie(VID_KEY, state.visitorId);
    }
    return state.visitorId;
  }

  function loadCustomerId() {
    var stored = readLocal(CID_KEY);
    state.customerId = typeof stored === 'string' && stored.length > 0 && stored.length <= 200 ? stored : null;
  }

  function forgetStoredIds() {
    writeLocal(VID_KEY, null);
    writeLocal(CID_KEY, null);
    writeCookie(VID_KEY, null);
    state.visitorId = null;
    state.visitorIdPersistent = false;
    state.customerId = null;
  }

  // ---------------------------------------------------------------- events

  function numberOf(value) {
    if (typeof value === 'number') return isFinite(value) ? value : null;
    if (typeof value === 'string' && value.replace(/\s/g, '') !== '') {
      var n = Number(value);
      return isFinite(n) ? n : null;
    }
    return null;
  }

  /** GA4 items reduced to what the server reads; null (with a warning) when one is unusable. */
  function itemsOf(name, list) {
    if (!Array.isArray(list)) {
      warn(name + ': items must be an array of {item_id, quantity, price}; event dropped');
      return null;
    }
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var line = list[i];
      var id = isObject(line) ? idOf(line.item_id) : null;
      if (id === null) {
        warn(name + ': items[' + i + '].item_id must be a non-empty string; event dropped');
        return null;
      }
      var item = { item_id: id };
      var quantity = numberOf(line.quantity);
      if (quantity !== null && quantity >= 1 && Math.floor(quantity) === quantity) item.quantity = quantity;
      var price = numberOf(line.price);
      if (price !== null && price >= 0) item.price = price;
      out.push(item);
    }
    return out;
  }

  /** The wire form of an event, or null (with a warning) when it cannot be sent. */
  function buildEvent(name, params, timestamp) {
    var rule = EVENTS[name];
    var event = { name: name, visitor_id: currentVisitorId() };
    if (state.customerId) event.customer_id = state.customerId;
    event.timestamp = timestamp;

    var items = null;
    if (params.items !== undefined && params.items !== null) items = itemsOf(name, params.items);
    else if (params.item_id !== undefined && params.item_id !== null) items = itemsOf(name, [{ item_id: params.item_id, quantity: params.quantity, price: params.price }]);
    else items = [];
    if (items === null) return null;
    if (rule.items && items.length === 0) {
      warn(name + ' needs items: [{item_id}]; event dropped');
      return null;
    }
    if (items.length > 200) {
      warn(name + ': at most 200 items per event; event dropped');
      return null;
    }
    if (items.length > 0) event.items = items;

    if (params.search_term !== undefined && params.search_term !== null) {
      if (typeof params.search_term !== 'string') {
        warn(name + ': search_term must be a string; event dropped');
        return null;
      }
      event.search_term = params.search_term.substring(0, 1000);
    }
    if (rule.searchTerm && !(event.search_term && /\S/.test(event.search_term))) {
      warn(name + ' needs a search_term; event dropped');
      return null;
    }
    // An order's id makes a purchase sent twice (a retry, the store's own postback) count once.
    var transactionId = idOf(params.transaction_id);
    if (transactionId !== null) event.transaction_id = transactionId;
    if (rule.transactionId && transactionId === null) {
      warn(name + ' needs a transaction_id; event dropped');
      return null;
    }
    if (typeof params.value === 'number' && isFinite(params.value) && params.value >= 0) event.value = params.value;
    if (typeof params.currency === 'string' && /^[A-Za-z]{3}$/.test(params.currency)) event.currency = params.currency.toUpperCase();
    var listId = idOf(params.item_list_id);
    if (listId !== null) event.item_list_id = listId;
    if (typeof params.attribution_token === 'string' && params.attribution_token.length > 0) {
      event.attribution_token = params.attribution_token;
    }
    if (params.promotion_action === 'click' || params.promotion_action === 'close') event.promotion_action = params.promotion_action;
    return event;
  }

  function enqueue(event) {
    state.queue.push(event);
    if (onEvent) {
      try {
        onEvent(event);
      } catch (e) {
        warn('an event listener failed:', e);
      }
    }
    if (state.queue.length >= state.maxBatch) flushNow();
    else schedule();
  }

  function track(name, params) {
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(EVENTS, name)) {
      warn('unknown event name ' + JSON.stringify(String(name)) + '; expected one of ' + Object.keys(EVENTS).join(', ') + '; event dropped');
      return false;
    }
    if (params !== undefined && params !== null && !isObject(params)) {
      warn(name + ': params must be an object; event dropped');
      return false;
    }
    params = params || {};
    if (name === 'identify') return identify(params.customer_id);
    var timestamp = new Date().toISOString();
    if (!state.initialised) {
      if (state.pending.length < PENDING_LIMIT) state.pending.push([name, params, timestamp]);
      return true;
    }
    if (!state.consent) return false;
    var event = buildEvent(name, params, timestamp);
    if (!event) return false;
    enqueue(event);
    return true;
  }

  /**
   * After a login: every later event carries the customer id, and an identify event tells the
   * server that this visitor is that customer (it then merges the anonymous history). A falsy
   * customerId (logout) forgets the customer; the visitor id stays.
   */
  function identify(customerId) {
    if (customerId === undefined || customerId === null || customerId === '') {
      state.customerId = null;
      if (state.initialised && state.consent) writeLocal(CID_KEY, null);
      return true;
    }
    var id = idOf(customerId);
    if (id === null) {
      warn('identify needs a customer id: a non-empty string of at most 200 characters');
      return false;
    }
    if (!state.initialised) {
      if (state.pending.length < PENDING_LIMIT) state.pending.push(['identify', { customer_id: id }, new Date().toISOString()]);
      return true;
    }
    if (!state.consent) return false;
    var changed = state.customerId !== id;
    state.customerId = id;
    writeLocal(CID_KEY, id);
    // Send identify when the customer changes; a page that calls identify on every load after
    // login would otherwise send one per page view.
    if (changed) {
      enqueue({ name: 'identify', visitor_id: currentVisitorId(), customer_id: id, timestamp: new Date().toISOString() });
    }
    return true;
  }

  // ---------------------------------------------------------------- sending

  function eventsUrl() {
    return state.endpoint + '/v1/events?site_key=' + encodeURIComponent(state.siteKey);
  }

  /** One batch: sendBeacon (text/plain, so no CORS preflight), else fetch with keepalive. */
  function send(batch) {
    var json = JSON.stringify(batch);
    var url = eventsUrl();
    var nav = root.navigator;
    if (json.length <= BEACON_LIMIT && nav && typeof nav.sendBeacon === 'function' && typeof root.Blob === 'function') {
      try {
        if (nav.sendBeacon(url, new root.Blob([json], { type: 'text/plain' }))) return;
      } catch (e) {
        // some browsers throw instead of returning false; fall back to fetch
      }
    }
    if (typeof root.fetch !== 'function') {
      warn('neither sendBeacon nor fetch is available; ' + batch.length + ' events dropped');
      return;
    }
    try {
      var request = root.fetch(url, {
        method: 'POST',
        keepalive: json.length <= BEACON_LIMIT,
        credentials: 'omit',
        headers: { 'Content-Type': 'text/plain' },
        body: json
      });
      if (request && typeof request.then === 'function') {
        request.then(
          function (response) {
            if (response && !response.ok && response.status !== 422) warn('the server answered ' + response.status + ' to ' + batch.length + ' events');
          },
          function (error) {
            warn('sending ' + batch.length + ' events failed:', error);
          }
        );
      }
    } catch (e) {
      warn('sending ' + batch.length + ' events failed:', e);
    }
  }

  function flushNow() {
    if (state.timer !== null) {
      root.clearTimeout(state.timer);
      state.timer = null;
    }
    if (!state.initialised || !state.consent || state.queue.length === 0) return 0;
    var events = state.queue;
    state.queue = [];
    for (var i = 0; i < events.length; i += state.maxBatch) send(events.slice(i, i + state.maxBatch));
    return events.length;
  }

  function schedule() {
    if (state.timer === null && state.queue.length > 0) {
      state.timer = root.setTimeout(function () {
        state.timer = null;
        try {
          flushNow();
        } catch (e) {
          warn('flush failed:', e);
        }
      }, state.flushInterval);
    }
  }

  function onHide() {
    try {
      if (root.document.visibilityState === undefined || root.document.visibilityState === 'hidden') flushNow();
    } catch (e) {
      warn('flush on page hide failed:', e);
    }
  }

  function onPageHide() {
    try {
      flushNow();
    } catch (e) {
      warn('flush on page hide failed:', e);
    }
  }

  function listen() {
    if (state.listening || typeof root.addEventListener !== 'function') return;
    state.listening = true;
    root.document.addEventListener('visibilitychange', onHide);
    root.addEventListener('pagehide', onPageHide);
  }

  // ---------------------------------------------------------------- setup

  function positiveInt(value, fallback, name) {
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && isFinite(value) && value >= 1) return Math.floor(value);
    warn('init: ' + name + ' must be a positive number; using ' + fallback);
    return fallback;
  }

  function init(options) {
    if (!isObject(options)) {
      warn('init needs options: {endpoint, siteKey}');
      return false;
    }
    // '' (or '/') is the page's own origin: a server that serves the shop's pages too.
    if (typeof options.endpoint !== 'string' || (options.endpoint !== '' && !/^(https?:)?\/\/[^/]/.test(options.endpoint) && options.endpoint.charAt(0) !== '/')) {
      warn("init: endpoint must be the Vitrina server URL, e.g. https://reco.example.com, or '' for this page's origin");
      return false;
    }
    if (typeof options.siteKey !== 'string' || options.siteKey === '') {
      warn('init: siteKey is required');
      return false;
    }
    var first = !state.initialised;
    state.endpoint = options.endpoint.replace(/\/+$/, '');
    state.siteKey = options.siteKey;
    state.flushInterval = positiveInt(options.flushInterval, 2000, 'flushInterval');
    state.maxBatch = Math.min(positiveInt(options.maxBatch, 20, 'maxBatch'), 500);
    state.initialised = true;
    listen();
    setConsent(options.consent === undefined ? state.consent : options.consent !== false, true);

    var pending = state.pending;
    state.pending = [];
    if (state.consent) {
      for (var i = 0; i < pending.length; i++) {
        if (pending[i][0] === 'identify') {
          identify(pending[i][1].customer_id);
          continue;
        }
        var event = buildEvent(pending[i][0], pending[i][1], pending[i][2]);
        if (event) enqueue(event);
      }
      if (first && options.autoPageView !== false) track('page_view');
    } else if (first && options.autoPageView !== false) {
      state.pageViewOnConsent = true; // a consent banner answered later still counts this page
    }
    return true;
  }

  /**
   * Consent to tracking. false stops sending, drops queued events and, unless this is init
   * stating the starting state, deletes the stored visitor and customer ids. true (re)starts.
   */
  function setConsent(granted, fromInit) {
    granted = granted !== false;
    if (!granted) {
      if (!fromInit) state.pageViewOnConsent = false;
      state.queue = [];
      state.pending = [];
      if (state.timer !== null) {
        root.clearTimeout(state.timer);
        state.timer = null;
      }
      if (!fromInit) forgetStoredIds();
      else if (state.consent) {
        // init({consent: false}) does not read or write storage; any id in memory becomes ephemeral
        state.visitorIdPersistent = false;
        state.customerId = null;
      }
      state.consent = false;
      return true;
    }
    var wasGranted = state.consent && state.visitorIdPersistent;
    state.consent = true;
    if (state.initialised && !wasGranted) {
      state.visitorIdPersistent = false;
      loadCustomerId();
      currentVisitorId();
    }
    if (state.initialised && state.pageViewOnConsent) {
      state.pageViewOnConsent = false;
      track('page_view');
    }
    return true;
  }

  var api = {
    init: safe('init', init, false),
    track: safe('track', track, false),
    identify: safe('identify', identify, false),
    visitorId: safe('visitorId', function () {
      return state.initialised ? currentVisitorId() : null;
    }, null),
    customerId: safe('customerId', function () {
      return state.consent ? state.customerId : null;
    }, null),
    setConsent: safe('setConsent', function (granted) {
      var before = state.initialised && state.consent;
      var done = setConsent(granted, false);
      if (onConsent && state.initialised && before !== state.consent) onConsent(state.consent);
      return done;
    }, false),
    /** True once init ran with consent: the widgets may ask the server and send events. */
    tracking: function () {
      return state.initialised && state.consent;
    },
    /** {endpoint, siteKey} after init, for the widgets' requests. */
    server: function () {
      return state.initialised ? { endpoint: state.endpoint, siteKey: state.siteKey } : null;
    },
    flush: safe('flush', flushNow, 0)
  };

  return api;
}
