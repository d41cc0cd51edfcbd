// The tracker in a real headless Chromium against the real Vitrina server.
//
// The server (support.js) serves /widgets/tracker.js itself. The shop page is served from another
// port, so every call from the page to the server is cross-origin, as on a real storefront.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { SITE_KEY, VitrinaServer, eventually, freePort, launchChromium, serverJar, sleep, stubDecide } from './support.js';

const CATALOG = [
  { id: 'sku-1', title: 'Phone', price: 100, stock: 5, categories: ['Phones'] },
  { id: 'sku-2', title: 'Phone case', price: 10, stock: 5, categories: ['Phones', 'Accessories'] },
  { id: 'sku-3', title: 'Charger', price: 20, stock: 5, categories: ['Accessories'] },
  { id: 'sku-4', title: 'Headphones', price: 50, stock: 5, categories: ['Audio'] },
];

// ------------------------------------------------------------------ the shop page (another origin)

function shopPage(serverBase, options) {
  const init = { endpoint: serverBase, siteKey: SITE_KEY, ...options };
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Test shop</title>
  <link rel="icon" href="data:,">
  <script src="${serverBase}/widgets/tracker.js"></script>
  <script>vitrina.init(${JSON.stringify(init)});</script>
</head>
<body><h1>Test shop</h1></body>
</html>`;
}

function asyncShopPage(serverBase) {
  const init = { endpoint: serverBase, siteKey: SITE_KEY };
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Test shop, async embed</title>
  <link rel="icon" href="data:,">
  <script>
    window.vitrina = window.vitrina || [];
    vitrina.push(['init', ${JSON.stringify(init)}]);
    vitrina.push(['track', 'view_item', { items: [{ item_id: 'sku-2' }] }]);
  </script>
  <script async src="${serverBase}/widgets/tracker.js"></script>
</head>
<body><h1>Test shop</h1></body>
</html>`;
}

function startPageServer(port, serverBase) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, `http://127.0.0.1:${port}`);
    if (url.pathname === '/shop.html') {
      const options = url.searchParams.has('options') ? JSON.parse(url.searchParams.get('options')) : {};
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(shopPage(serverBase, options));
    } else if (url.pathname === '/async.html') {
      // The asynchronous embed: a stub queues calls until the tracker has loaded.
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(asyncShopPage(serverBase));
    } else if (url.pathname === '/elsewhere.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><html><head><link rel="icon" href="data:,"><title>Elsewhere</title></head><body>elsewhere</body></html>');
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Runs in the page before its scripts: records every call the tracker makes to sendBeacon or fetch
 * for /v1/events, with the body. The call count also goes to sessionStorage, so that it survives
 * navigating away (the page-hide flush).
 */
function recordSends() {
  const sent = [];
  Object.defineProperty(window, '__vitrinaSent', { value: sent });
  const note = (via, url, data) => {
    if (!String(url).includes('/v1/events')) return null;
    const entry = { via, url: String(url), contentType: null, body: null };
    sent.push(entry);
    try {
      sessionStorage.setItem('__vitrinaSends', (sessionStorage.getItem('__vitrinaSends') || '') + via + ' ');
    } catch (e) {
      // no sessionStorage: the in-page record still works
    }
    return entry;
  };
  const beacon = navigator.sendBeacon;
  navigator.sendBeacon = function (url, data) {
    const entry = note('beacon', url, data);
    if (entry && data instanceof Blob) {
      entry.contentType = data.type;
      data.text().then((text) => (entry.body = text));
    }
    return beacon.call(navigator, url, data);
  };
  const realFetch = window.fetch;
  window.fetch = function (url, init) {
    const entry = note('fetch', url, init);
    if (entry && init) {
      entry.contentType = init.headers && init.headers['Content-Type'];
      entry.keepalive = init.keepalive;
      entry.body = init.body;
    }
    return realFetch.apply(this, arguments);
  };
}

// ------------------------------------------------------------------ the suite

describe('tracker.js in Chromium against the Vitrina server', () => {
  const vitrina = new VitrinaServer();
  let pageServer;
  let pagePort;
  let browser;

  before(async () => {
    serverJar(); // fail early, with the build command, before anything starts
    browser = await launchChromium();
    pagePort = await freePort();
    // No global holdout: a visitor it drew would get no recently_viewed, which these tests read.
    await vitrina.start(['--cors-origins', `http://127.0.0.1:${pagePort}`, '--experiments-global-holdout', '0']);
    await vitrina.loadCatalog(CATALOG);
    pageServer = await startPageServer(pagePort, vitrina.base);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    if (pageServer) await new Promise((resolve) => pageServer.close(resolve));
    await vitrina.stop();
  });

  /**
   * A fresh browser profile (context) with the shop page open, and everything the page did that a
   * test checks: uncaught errors, console messages, and the requests to /v1/events with the
   * server's answers.
   */
  async function openShop(options = {}, { withoutBeacon = false } = {}) {
    const context = await browser.newContext();
    // The script asks for the page's decision (pop-ups, slots); a server without it answers 404.
    if (!(await vitrina.servesDecide())) await stubDecide(context, { campaigns: [], slots: {} });
    await context.addInitScript(recordSends);
    if (withoutBeacon) await context.addInitScript(() => delete Navigator.prototype.sendBeacon && delete navigator.sendBeacon);
    const page = await context.newPage();
    const shop = { context, page, errors: [], warnings: [], consoleErrors: [], eventRequests: [], eventResponses: [] };
    page.on('pageerror', (error) => shop.errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'warning') shop.warnings.push(message.text());
      if (message.type() === 'error') shop.consoleErrors.push(message.text());
    });
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/v1/events') {
        shop.eventRequests.push({ url: request.url(), method: request.method(), type: request.resourceType() });
      }
    });
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/v1/events') shop.eventResponses.push(response.status());
    });
    shop.url = options.page || `http://127.0.0.1:${pagePort}/shop.html?options=${encodeURIComponent(JSON.stringify(options))}`;
    await page.goto(shop.url);
    await page.waitForFunction(() => window.vitrina && typeof window.vitrina.visitorId === 'function');
    shop.visitorId = await page.evaluate(() => vitrina.visitorId());
    return shop;
  }

  /** What the tracker handed to sendBeacon or fetch on the open page: [{via, url, contentType, events}]. */
  async function sends(shop) {
    await shop.page.waitForFunction(() => window.__vitrinaSent.every((entry) => entry.body !== null));
    const sent = await shop.page.evaluate(() => window.__vitrinaSent);
    return sent.map(({ body, ...rest }) => ({ ...rest, events: [].concat(JSON.parse(body)) }));
  }

  async function sentEvents(shop) {
    return (await sends(shop)).flatMap((send) => send.events);
  }

  /** sendBeacon / fetch calls for /v1/events in this tab, across navigations (from sessionStorage). */
  async function sendsInTab(page) {
    return page.evaluate(() => (sessionStorage.getItem('__vitrinaSends') || '').trim().split(' ').filter(Boolean));
  }

  async function closeShop(shop) {
    await shop.context.close();
    assert.deepEqual(shop.errors, [], 'uncaught errors on the page');
    assert.deepEqual(shop.consoleErrors, [], 'console errors on the page (CORS failures show here)');
    for (const status of shop.eventResponses) assert.equal(status, 202, `an /v1/events answer: ${shop.eventResponses}`);
  }

  test('view_item events from the page reach the server and show in recently_viewed', async () => {
    const postsBefore = await vitrina.settledEventPosts();
    const shop = await openShop();
    assert.match(shop.visitorId, /^[0-9a-f-]{36}$/, 'a random UUID visitor id');
    await shop.page.evaluate(() => {
      vitrina.track('view_item', { items: [{ item_id: 'sku-1', price: 100 }] });
      vitrina.track('view_item', { items: [{ item_id: 'sku-2' }] });
      return vitrina.flush();
    });
    const ids = await vitrina.eventuallyRecentlyViewed({ visitor: shop.visitorId }, ['sku-1', 'sku-2']);
    assert.deepEqual(ids.slice(0, 2), ['sku-2', 'sku-1'], 'most recent view first');

    const sent = await sends(shop);
    assert.equal(sent.length, 1, 'the auto page_view and the two views in one batch');
    assert.equal(sent[0].via, 'beacon');
    assert.equal(sent[0].contentType, 'text/plain', 'text/plain: a CORS-simple request, no preflight');
    assert.equal(sent[0].url, `${vitrina.base}/v1/events?site_key=${SITE_KEY}`);
    const events = sent[0].events;
    assert.deepEqual(events.map((e) => e.name), ['page_view', 'view_item', 'view_item']);
    for (const event of events) {
      assert.equal(event.visitor_id, shop.visitorId);
      assert.equal(event.customer_id, undefined, 'anonymous until identify');
      assert.ok(!Number.isNaN(Date.parse(event.timestamp)) && event.timestamp.endsWith('Z'), `ISO timestamp: ${event.timestamp}`);
    }
    assert.deepEqual(events[1].items, [{ item_id: 'sku-1', price: 100 }]);
    assert.deepEqual(shop.eventRequests.map((r) => [r.method, r.type]), [['POST', 'ping']], 'the browser sent one beacon');
    await eventually('the server to count the POST', async () => {
      const posts = await vitrina.eventPosts();
      return { ok: posts === postsBefore + 1, value: { before: postsBefore, now: posts } };
    });

    // The same recommendations asked from the page: a cross-origin GET with X-Site-Key (a CORS preflight).
    const fromPage = await shop.page.evaluate(async ([base, key, visitor]) => {
      const response = await fetch(`${base}/v1/recommendations/recently_viewed?visitor=${encodeURIComponent(visitor)}`, { headers: { 'X-Site-Key': key } });
      return { status: response.status, body: await response.json() };
    }, [vitrina.base, SITE_KEY, shop.visitorId]);
    assert.equal(fromPage.status, 200);
    assert.deepEqual(fromPage.body.items.filter((i) => i.source === 'recently_viewed').map((i) => i.id).slice(0, 2), ['sku-2', 'sku-1']);
    await closeShop(shop);
  });

  test('a purchase tracked twice with its transaction_id counts once, with its value and currency', async () => {
    const duplicatesBefore = await vitrina.counter('vitrina_events_duplicates_total{name="purchase"}');
    const shop = await openShop();
    await shop.page.evaluate(() => {
      const order = { transaction_id: 'T-1001', value: 110, currency: 'eur', items: [{ item_id: 'sku-1', price: 100 }, { item_id: 'sku-2', price: 10 }] };
      vitrina.track('purchase', order);
      vitrina.track('purchase', order); // a page that fires its confirmation twice
      vitrina.track('refund', { items: [{ item_id: 'sku-2' }] }); // no transaction_id: dropped
      return vitrina.flush();
    });
    const sent = (await sends(shop)).flatMap((batch) => batch.events).filter((e) => e.name !== 'page_view');
    assert.deepEqual(sent.map((e) => [e.name, e.transaction_id, e.value, e.currency]), [
      ['purchase', 'T-1001', 110, 'EUR'],
      ['purchase', 'T-1001', 110, 'EUR'],
    ]);
    await eventually('the server to count the second purchase as a duplicate', async () => {
      const now = await vitrina.counter('vitrina_events_duplicates_total{name="purchase"}');
      return { ok: now === duplicatesBefore + 1, value: { before: duplicatesBefore, now } };
    });
    await closeShop(shop);
  });

  test('events still queued when the page is left are sent by sendBeacon and arrive', async () => {
    // A long flush interval: the only way out for these events is the page-hide flush.
    const options = { flushInterval: 600000, maxBatch: 100, autoPageView: false };
    const shop = await openShop(options);
    await shop.page.evaluate(() => vitrina.track('view_item', { items: [{ item_id: 'sku-3' }] }));
    await sleep(300);
    assert.deepEqual(await sendsInTab(shop.page), [], 'nothing sent before the page is hidden');

    await shop.page.goto(`http://127.0.0.1:${pagePort}/elsewhere.html`);
    await vitrina.eventuallyRecentlyViewed({ visitor: shop.visitorId }, ['sku-3']);
    assert.deepEqual(await sendsInTab(shop.page), ['beacon'], 'one sendBeacon call, on page hide');

    // Closing the tab hides the page too.
    const tab = await shop.context.newPage();
    tab.on('pageerror', (error) => shop.errors.push(String(error)));
    await tab.goto(shop.url);
    assert.equal(await tab.evaluate(() => vitrina.visitorId()), shop.visitorId, 'same browser profile, same visitor');
    await tab.evaluate(() => vitrina.track('view_item', { items: [{ item_id: 'sku-4' }] }));
    await tab.close({ runBeforeUnload: true });
    const ids = await vitrina.eventuallyRecentlyViewed({ visitor: shop.visitorId }, ['sku-4', 'sku-3']);
    assert.deepEqual(ids, ['sku-4', 'sku-3']);
    await closeShop(shop);
  });

  test('identify stitches the anonymous history to the customer', async () => {
    const shop = await openShop({ autoPageView: false });
    await shop.page.evaluate(() => {
      vitrina.track('view_item', { items: [{ item_id: 'sku-1' }] });
      vitrina.track('view_item', { items: [{ item_id: 'sku-4' }] });
      vitrina.flush();
    });
    await vitrina.eventuallyRecentlyViewed({ visitor: shop.visitorId }, ['sku-1', 'sku-4']);
    assert.deepEqual(await vitrina.recentlyViewed({ customer: 'cust-42' }), [], 'the customer has no history yet');

    await shop.page.evaluate(() => {
      vitrina.identify('cust-42');
      vitrina.flush();
    });
    const ids = await vitrina.eventuallyRecentlyViewed({ customer: 'cust-42' }, ['sku-1', 'sku-4']);
    assert.deepEqual(ids, ['sku-4', 'sku-1']);
    const identify = (await sentEvents(shop)).find((e) => e.name === 'identify');
    assert.deepEqual(
      { ...identify, timestamp: typeof identify.timestamp },
      { name: 'identify', visitor_id: shop.visitorId, customer_id: 'cust-42', timestamp: 'string' }
    );
    assert.equal(await shop.page.evaluate(() => localStorage.getItem('vitrina_cid')), 'cust-42');

    // The customer id is remembered: after a reload, events carry it without another identify.
    await shop.page.reload();
    assert.equal(await shop.page.evaluate(() => vitrina.customerId()), 'cust-42');
    await shop.page.evaluate(() => {
      vitrina.identify('cust-42'); // a page that calls identify on every load sends no duplicate
      vitrina.track('add_to_cart', { items: [{ item_id: 'sku-2', quantity: 1, price: 10 }] });
      vitrina.flush();
    });
    const afterReload = await sentEvents(shop);
    assert.deepEqual(afterReload.map((e) => [e.name, e.visitor_id, e.customer_id]), [['add_to_cart', shop.visitorId, 'cust-42']]);
    assert.deepEqual(afterReload[0].items, [{ item_id: 'sku-2', quantity: 1, price: 10 }]);
    await eventually('the add_to_cart answer', async () => ({ ok: shop.eventResponses.length === shop.eventRequests.length, value: shop.eventResponses }));
    await closeShop(shop);
  });

  test('with consent false nothing is sent and nothing is stored', async () => {
    const postsBefore = await vitrina.settledEventPosts();
    const shop = await openShop({ consent: false });
    const result = await shop.page.evaluate(() => {
      const tracked = vitrina.track('view_item', { items: [{ item_id: 'sku-1' }] });
      const identified = vitrina.identify('cust-no-consent');
      document.dispatchEvent(new Event('visibilitychange'));
      return { tracked, identified, flushed: vitrina.flush(), stored: localStorage.length, cookie: document.cookie };
    });
    assert.deepEqual(result, { tracked: false, identified: false, flushed: 0, stored: 0, cookie: '' });
    await shop.page.goto(`http://127.0.0.1:${pagePort}/elsewhere.html`); // page hide: would flush
    await sleep(1000);
    assert.deepEqual(shop.eventRequests, [], 'no request to /v1/events seen by the page');
    assert.deepEqual(await sendsInTab(shop.page), [], 'no sendBeacon or fetch call');
    assert.equal(await vitrina.eventPosts(), postsBefore, 'no POST /v1/events reached the server');
    assert.deepEqual(await vitrina.recentlyViewed({ visitor: shop.visitorId }), []);
    assert.deepEqual(await vitrina.recentlyViewed({ customer: 'cust-no-consent' }), []);

    // A consent banner answered later on the page: tracking starts, with the page_view init held back.
    await shop.page.goto(shop.url);
    const granted = await shop.page.evaluate(() => {
      vitrina.setConsent(true);
      vitrina.flush();
      return { visitor: vitrina.visitorId(), stored: localStorage.getItem('vitrina_vid') };
    });
    assert.equal(granted.stored, granted.visitor, 'the id is stored once consent is given');
    assert.deepEqual((await sentEvents(shop)).map((e) => [e.name, e.visitor_id]), [['page_view', granted.visitor]]);
    await eventually('the server to answer', async () => ({ ok: shop.eventResponses.length === 1, value: shop.eventResponses }));
    await closeShop(shop);
  });

  test('setConsent(false) drops queued events and forgets the stored ids', async () => {
    const shop = await openShop({ flushInterval: 600000, autoPageView: false });
    const postsBefore = await vitrina.settledEventPosts();
    assert.equal(await shop.page.evaluate(() => localStorage.getItem('vitrina_vid')), shop.visitorId, 'with consent the id is kept');
    const withdrawn = await shop.page.evaluate(() => {
      vitrina.track('view_item', { items: [{ item_id: 'sku-2' }] }); // queued, not sent yet
      vitrina.identify('cust-withdrawn');
      vitrina.setConsent(false);
      return {
        flushed: vitrina.flush(),
        tracked: vitrina.track('page_view'),
        customer: vitrina.customerId(),
        stored: [localStorage.getItem('vitrina_vid'), localStorage.getItem('vitrina_cid')],
        cookie: document.cookie,
      };
    });
    assert.deepEqual(withdrawn, { flushed: 0, tracked: false, customer: null, stored: [null, null], cookie: '' });

    // Consent given again on the same page: a new visitor, and none of the dropped events come back.
    const regranted = await shop.page.evaluate(() => {
      vitrina.setConsent(true);
      const flushedAfterRegrant = vitrina.flush();
      vitrina.track('view_item', { items: [{ item_id: 'sku-3' }] });
      return { flushedAfterRegrant, flushed: vitrina.flush(), visitor: vitrina.visitorId(), customer: vitrina.customerId() };
    });
    assert.equal(regranted.flushedAfterRegrant, 0, 'the withdrawn queue stays dropped');
    assert.equal(regranted.flushed, 1);
    assert.equal(regranted.customer, null);
    assert.notEqual(regranted.visitor, shop.visitorId, 'a new visitor id after the old one was forgotten');
    const events = await sentEvents(shop);
    assert.deepEqual(events.map((e) => [e.name, e.visitor_id, e.customer_id, e.items]), [['view_item', regranted.visitor, undefined, [{ item_id: 'sku-3' }]]]);

    await shop.page.goto(`http://127.0.0.1:${pagePort}/elsewhere.html`); // page hide: nothing left to send
    await vitrina.eventuallyRecentlyViewed({ visitor: regranted.visitor }, ['sku-3']);
    await sleep(500);
    assert.deepEqual(await sendsInTab(shop.page), ['beacon'], 'only the event tracked after consent was given again');
    assert.equal(await vitrina.eventPosts(), postsBefore + 1, 'one POST /v1/events reached the server');
    assert.deepEqual(await vitrina.recentlyViewed({ visitor: shop.visitorId }), []);
    assert.deepEqual(await vitrina.recentlyViewed({ customer: 'cust-withdrawn' }), []);
    await closeShop(shop);
  });

  test('unknown event names and bad calls are dropped with a warning, never thrown', async () => {
    const shop = await openShop({ autoPageView: false });
    const results = await shop.page.evaluate(() => [
      vitrina.track('add_to_favourites', { items: [{ item_id: 'sku-1' }] }), // not a GA4 name
      vitrina.track('PAGE_VIEW'),
      vitrina.track(42),
      vitrina.track('view_item'), // no items
      vitrina.track('view_item', { items: 'sku-1' }),
      vitrina.track('search', {}), // no search_term
      vitrina.track('page_view', 'not an object'),
      vitrina.identify({ id: 1 }),
      vitrina.init(null),
      vitrina.track('search', { search_term: 'phone' }),
      vitrina.track('select_item', { item_id: 'sku-2', item_list_id: 'home-recs' }),
    ]);
    assert.deepEqual(results, [false, false, false, false, false, false, false, false, false, true, true]);
    assert.ok(shop.warnings.some((w) => w.includes('add_to_favourites') && w.includes('dropped')), `warnings: ${shop.warnings.join(' | ')}`);
    assert.equal(shop.warnings.filter((w) => w.startsWith('[vitrina]')).length, 9, `one warning per bad call: ${shop.warnings.join(' | ')}`);

    await shop.page.evaluate(() => vitrina.flush());
    const events = await sentEvents(shop);
    assert.deepEqual(events.map((e) => e.name), ['search', 'select_item'], 'only the valid events are sent');
    assert.equal(events[0].search_term, 'phone');
    assert.deepEqual(events[1].items, [{ item_id: 'sku-2' }]);
    assert.equal(events[1].item_list_id, 'home-recs');
    await eventually('the server to answer', async () => ({ ok: shop.eventResponses.length === 1, value: shop.eventResponses }));
    await closeShop(shop); // also: no page errors, and the server answered 202 (it rejected nothing)
  });

  test('the visitor id survives a reload, and a cleared localStorage through the cookie', async () => {
    const shop = await openShop({ autoPageView: false });
    await shop.page.reload();
    assert.equal(await shop.page.evaluate(() => vitrina.visitorId()), shop.visitorId, 'after a reload');
    const cookie = (await shop.context.cookies(`http://127.0.0.1:${pagePort}`)).find((c) => c.name === 'vitrina_vid');
    assert.equal(cookie?.value, shop.visitorId);
    const yearFromNow = Date.now() / 1000 + 365 * 24 * 3600;
    assert.ok(Math.abs(cookie.expires - yearFromNow) < 3600, `the cookie lasts a year (expires ${cookie.expires})`);

    await shop.page.evaluate(() => localStorage.clear());
    await shop.page.reload();
    assert.equal(await shop.page.evaluate(() => vitrina.visitorId()), shop.visitorId, 'restored from the vitrina_vid cookie');
    assert.equal(await shop.page.evaluate(() => localStorage.getItem('vitrina_vid')), shop.visitorId, 'and written back');

    const other = await openShop({ autoPageView: false });
    assert.notEqual(other.visitorId, shop.visitorId, 'another browser profile is another visitor');
    await closeShop(other);
    await closeShop(shop);
  });

  test('calls queued by an async embed stub before the script loads are replayed', async () => {
    const shop = await openShop({ page: `http://127.0.0.1:${pagePort}/async.html` });
    assert.ok(shop.visitorId, 'initialised from the stub');
    await shop.page.evaluate(() => {
      vitrina.push(['track', 'add_to_cart', { items: [{ item_id: 'sku-1', quantity: 2 }] }]); // push keeps working
      vitrina.flush();
    });
    const events = await sentEvents(shop);
    assert.deepEqual(events.map((e) => e.name), ['page_view', 'view_item', 'add_to_cart'], 'in the order they were called');
    assert.ok(events.every((e) => e.visitor_id === shop.visitorId));
    await vitrina.eventuallyRecentlyViewed({ visitor: shop.visitorId }, ['sku-2']);
    await eventually('the server to answer', async () => ({ ok: shop.eventResponses.length === 1, value: shop.eventResponses }));
    await closeShop(shop);
  });

  test('without sendBeacon, or when it refuses, events go by fetch with keepalive and arrive', async () => {
    const shop = await openShop({ autoPageView: false }, { withoutBeacon: true });
    assert.equal(await shop.page.evaluate(() => typeof navigator.sendBeacon), 'undefined');
    await shop.page.evaluate(() => {
      vitrina.track('view_item', { items: [{ item_id: 'sku-3' }] });
      vitrina.flush();
    });
    await vitrina.eventuallyRecentlyViewed({ visitor: shop.visitorId }, ['sku-3']);

    const refused = await openShop({ autoPageView: false });
    await refused.page.evaluate(() => {
      navigator.sendBeacon = () => false; // what browsers answer when their beacon quota is full
      vitrina.track('view_item', { items: [{ item_id: 'sku-4' }] });
      vitrina.flush();
    });
    await vitrina.eventuallyRecentlyViewed({ visitor: refused.visitorId }, ['sku-4']);

    for (const s of [shop, refused]) {
      const sent = await sends(s);
      assert.deepEqual(sent.map((x) => [x.via, x.contentType, x.keepalive]), [['fetch', 'text/plain', true]], 'a CORS-simple POST (no preflight) that outlives the page');
      assert.deepEqual(s.eventRequests.map((r) => [r.method, r.type]), [['POST', 'fetch']]);
      // The response is read across origins (CORS headers present) and says 202; no CORS error on the console.
      await eventually('the fetch answer', async () => ({ ok: s.eventResponses.length === 1, value: s.eventResponses }));
      await closeShop(s);
    }
  });
});
