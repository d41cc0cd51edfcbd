// The script's widgets in a real headless Chromium against the real Vitrina server: blocks
// (default and store templates, lazy, viewable impressions, clicks, markup in titles, consent),
// pop-ups and slots. The shop's pages come from another origin, as on a real storefront.
//
// Pop-ups and slots need GET /v1/decide: those tests answer it with fixtures in the on-page
// contract's shape (stubDecide); the events they cause still go to the real server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { RESULTS, SITE_KEY, VitrinaServer, eventually, freePort, launchChromium, leaveThroughTop, serverJar, sleep, stubDecide } from './support.js';

const PALETTE = ['#fde68a', '#bfdbfe', '#c7d2fe', '#fbcfe8', '#bbf7d0', '#fed7aa', '#ddd6fe', '#a5f3fc'];
const MARKUP_TITLE = '<img src=x onerror="window.__pwned=1">';
const SCRIPT_TITLE = '<script>window.__pwned=2</script>';
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

function catalog(pageBase) {
  const phones = ['Pixelon K42 Smart Phone', 'Nordel A9 Phone 128 GB', 'Helio Mini 5G', 'Orbit X Pro Max with a very long name that wraps'];
  const items = phones.map((title, i) => ({
    id: `phone-${i + 1}`, title, price: 199 + i * 100, old_price: i % 2 === 0 ? 249 + i * 120 : null, stock: 5,
    categories: ['Phones'], url: `${pageBase}/item/phone-${i + 1}`, image: `${pageBase}/img/${i}.svg`,
  }));
  items.push({ id: 'case-1', title: 'Leather case', price: 19.9, stock: 5, categories: ['Accessories'], url: `${pageBase}/item/case-1`, image: `${pageBase}/img/5.svg` });
  items.push({ id: 'charger-1', title: 'USB-C charger 65 W', price: 35, old_price: 45, stock: 5, categories: ['Accessories'], url: `${pageBase}/item/charger-1`, image: `${pageBase}/img/6.svg` });
  items.push({ id: 'xss-1', title: MARKUP_TITLE, price: 1, stock: 5, categories: ['Markup'], url: 'javascript:window.__pwned=3', image: 'javascript:window.__pwned=4' });
  items.push({ id: 'xss-2', title: SCRIPT_TITLE, price: 2, stock: 5, categories: ['Markup'], url: `${pageBase}/item/xss-2`, image: null });
  return items;
}

function svg(i) {
  const color = PALETTE[i % PALETTE.length];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 40 40"><rect width="40" height="40" fill="${color}"/><rect x="13" y="7" width="14" height="26" rx="3" fill="#1f2937" opacity=".75"/><rect x="14.5" y="9" width="11" height="20" rx="1" fill="#f9fafb"/></svg>`;
}

/** The shop: /p/NAME serves the page registered under NAME, /item/ID a product page. */
function shopPage(serverBase, body, init) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test shop</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#111827} h1{font-size:1.6rem}
 button,h2{color:#b91c1c;font-family:serif}</style>
<script>window.vitrina=window.vitrina||[];vitrina.push(['init',${JSON.stringify({ endpoint: serverBase, siteKey: SITE_KEY, currency: 'EUR', locale: 'en-IE', flushInterval: 200, ...init })}]);</script>
<script async src="${serverBase}/widgets/v1/vitrina.js"></script>
</head><body><header><h1>Test shop</h1><button id="before">Menu</button></header>${body}</body></html>`;
}

function startShop(port, serverBase, pages) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, `http://127.0.0.1:${port}`);
    const image = /^\/img\/(\d+)\.svg$/.exec(url.pathname);
    if (image) {
      response.writeHead(200, { 'Content-Type': 'image/svg+xml' });
      return response.end(svg(Number(image[1])));
    }
    const page = /^\/p\/([a-z0-9-]+)$/.exec(url.pathname);
    if (page && pages.has(page[1])) {
      const { body, init } = pages.get(page[1]);
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return response.end(shopPage(serverBase, body, init));
    }
    if (url.pathname.startsWith('/item/') || url.pathname === '/cart') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      // A product page without the script: what a test reads here is what the shop page sent.
      return response.end(`<!doctype html><html><head><link rel="icon" href="data:,"><title>Item</title></head><body><p id="landed">${url.pathname}</p></body></html>`);
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('not found');
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** Records, in the page, every event the script hands to sendBeacon or fetch, and every block request. */
function recordSends() {
  const sent = [];
  Object.defineProperty(window, '__events', { value: sent });
  const keep = (body) => {
    try {
      sent.push(...[].concat(JSON.parse(body)));
      sessionStorage.setItem('__events', JSON.stringify(JSON.parse(sessionStorage.getItem('__events') || '[]').concat(JSON.parse(body))));
    } catch (e) {
      // not an event batch
    }
  };
  const beacon = navigator.sendBeacon;
  navigator.sendBeacon = function (url, data) {
    if (String(url).includes('/v1/events') && data instanceof Blob) data.text().then(keep);
    return beacon.call(navigator, url, data);
  };
  const realFetch = window.fetch;
  window.fetch = function (url, init) {
    if (String(url).includes('/v1/events') && init && typeof init.body === 'string') keep(init.body);
    return realFetch.apply(this, arguments);
  };
}

describe('the widgets in Chromium against the Vitrina server', () => {
  const vitrina = new VitrinaServer();
  const pages = new Map();
  let shop;
  let shopBase;
  let browser;
  let seq = 0;

  before(async () => {
    serverJar();
    fs.mkdirSync(RESULTS, { recursive: true });
    browser = await launchChromium();
    const port = await freePort();
    shopBase = `http://127.0.0.1:${port}`;
    await vitrina.start(['--cors-origins', shopBase, '--experiments-global-holdout', '0']);
    await vitrina.loadCatalog(catalog(shopBase));
    for (const [name, block] of [
      ['shop-popular', { algorithm: 'popular', limit: 8 }],
      ['shop-category', { algorithm: 'category_popular', limit: 8 }],
    ]) {
      const saved = await vitrina.admin('PUT', `/v1/admin/blocks/${name}`, block);
      assert.ok(saved.status === 200 || saved.status === 201, JSON.stringify(saved));
    }
    shop = await startShop(port, vitrina.base, pages);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    if (shop) await new Promise((resolve) => shop.close(resolve));
    await vitrina.stop();
  });

  /**
   * Opens `body` as a shop page in a fresh browser profile. `decide`: a fixture answered to
   * GET /v1/decide (the real server is asked when it has the endpoint and no fixture is given).
   */
  async function open(body, { init = {}, viewport = LAPTOP, decide, isMobile = false } = {}) {
    const name = `page-${++seq}`;
    pages.set(name, { body, init });
    const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile });
    const decisions = decide || !(await vitrina.servesDecide()) ? await stubDecide(context, decide || { campaigns: [], slots: {} }) : [];
    await context.addInitScript(recordSends);
    const page = await context.newPage();
    const session = { context, page, decisions, errors: [], blockRequests: [], decideRequests: [], eventPosts: [] };
    page.on('pageerror', (error) => session.errors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && session.errors.push(message.text()));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/v1/blocks/')) session.blockRequests.push(url);
      if (url.pathname === '/v1/decide') session.decideRequests.push(url);
      if (url.pathname === '/v1/events') session.eventPosts.push(url);
    });
    await page.goto(`${shopBase}/p/${name}`);
    await page.waitForFunction(() => window.vitrina && window.vitrina.__vitrina);
    return session;
  }

  async function close(session) {
    await session.context.close();
    assert.deepEqual(session.errors, [], 'errors on the page');
  }

  const events = (session) => session.page.evaluate(() => window.__events.slice());
  const eventsNamed = async (session, name) => (await events(session)).filter((e) => e.name === name);

  async function eventuallyEvent(session, name, predicate = () => true) {
    return eventually(`a ${name} event`, async () => {
      const found = (await eventsNamed(session, name)).filter(predicate);
      return { ok: found.length > 0, value: found };
    });
  }

  /** The shopper's events as the server stored them (the privacy export). */
  async function storedEvents(visitor) {
    const { status, body } = await vitrina.admin('GET', `/v1/admin/profiles?visitor=${encodeURIComponent(visitor)}&events_limit=1000`);
    return status === 200 ? body.events.items : [];
  }

  const shot = (page, name) => page.screenshot({ path: path.join(RESULTS, name), fullPage: false });

  test('a block renders the items of its category in the default template, on a laptop and a phone', async () => {
    for (const [viewport, file] of [[LAPTOP, 'block-laptop.png'], [PHONE, 'block-phone.png']]) {
      const s = await open('<main><h2 style="color:inherit;font-family:inherit">Our phones</h2><div data-vitrina-block="shop-category" data-category="Phones" data-title="Popular phones"></div></main>', { viewport, isMobile: viewport === PHONE });
      const cards = s.page.locator('[data-vitrina-block] .vitrina-card');
      await eventually('the block filled', async () => ({ ok: (await cards.count()) === 4, value: await cards.count() }));
      const ids = await cards.evaluateAll((list) => list.map((li) => li.getAttribute('data-vitrina-item')));
      assert.deepEqual(ids.sort(), ['phone-1', 'phone-2', 'phone-3', 'phone-4'], 'only the category’s items');
      const first = s.page.locator('[data-vitrina-item="phone-1"]');
      assert.equal(await first.locator('.vitrina-name').textContent(), 'Pixelon K42 Smart Phone');
      assert.equal(await first.locator('.vitrina-price').textContent(), 'Now €199.00');
      assert.equal(await first.locator('s.vitrina-old').textContent(), 'Was €249.00');
      assert.equal(await first.locator('a').getAttribute('href'), `${shopBase}/item/phone-1`);
      assert.equal(await s.page.locator('[data-vitrina-item="phone-2"] s').count(), 0, 'no old price when not on sale');
      assert.equal(await s.page.locator('.vitrina-heading').textContent(), 'Popular phones');
      const request = s.blockRequests[0];
      assert.equal(request.searchParams.get('category'), 'Phones');
      assert.ok(request.searchParams.get('visitor'), 'the shopper’s visitor id is sent with consent');
      await s.page.waitForLoadState('networkidle');
      await shot(s.page, file);
      await close(s);
    }
  });

  test('a viewable impression and a click reach the server with the block’s token', async () => {
    const s = await open('<div data-vitrina-block="shop-popular" data-limit="4"></div>');
    await s.page.locator('.vitrina-card').first().waitFor();
    const [view] = await eventuallyEvent(s, 'view_item_list');
    assert.equal(view.item_list_id, 'shop-popular');
    assert.ok(view.attribution_token && view.attribution_token.includes('.'), 'a signed token');
    assert.equal(view.items.length, 4);
    const visitor = await s.page.evaluate(() => vitrina.visitorId());
    const clicked = await s.page.locator('.vitrina-card').nth(1).getAttribute('data-vitrina-item');
    await Promise.all([s.page.waitForURL(/\/item\//), s.page.locator('.vitrina-card a').nth(1).click()]);
    const stored = await eventually('both events stored by the server', async () => {
      const list = await storedEvents(visitor);
      const names = list.map((e) => e.name);
      return { ok: names.includes('view_item_list') && names.includes('select_item'), value: list };
    });
    // The click as the server stored it (the page's own record of it may be cut by the navigation).
    const storedClick = stored.find((e) => e.name === 'select_item');
    assert.equal(JSON.stringify(storedClick).includes(clicked), true, JSON.stringify(storedClick));
    assert.equal(storedClick.item_list_id, 'shop-popular', JSON.stringify(storedClick));
    assert.equal(storedClick.attribution_token, view.attribution_token, 'the click carries the block’s token');
    await close(s);
  });

  test('a block far below the fold is asked for only when it comes near, and not viewed before it is seen', async () => {
    const s = await open('<div style="height:3000px">tall content</div><div id="low" data-vitrina-block="shop-popular" data-limit="3"></div>');
    await sleep(1500);
    assert.equal(s.blockRequests.length, 0, 'not asked while far away');
    await s.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await s.page.locator('#low .vitrina-card').first().waitFor();
    await s.page.locator('#low').scrollIntoViewIfNeeded();
    assert.equal(s.blockRequests.length, 1);
    await eventuallyEvent(s, 'view_item_list');
    await close(s);
  });

  test('markup in titles and javascript: URLs render as text and go nowhere', async () => {
    const s = await open('<div data-vitrina-block="shop-category" data-category="Markup"></div>');
    const names = s.page.locator('.vitrina-name');
    await eventually('the markup items', async () => ({ ok: (await names.count()) === 2, value: await names.count() }));
    assert.deepEqual((await names.allTextContents()).sort(), [MARKUP_TITLE, SCRIPT_TITLE].sort());
    assert.equal(await s.page.locator('[data-vitrina-block] img[src="x"], [data-vitrina-block] script').count(), 0);
    const xss = s.page.locator('[data-vitrina-item="xss-1"]');
    assert.equal(await xss.locator('[href]').count(), 0, 'no javascript: href');
    assert.equal(await xss.locator('img').count(), 0);
    await xss.locator('.vitrina-link').click();
    await sleep(300);
    assert.equal(await s.page.evaluate(() => window.__pwned), undefined);
    await close(s);
  });

  test('a store template is filled through its bindings only', async () => {
    const template = `<template data-vitrina-template="shop-category">
        <article class="tile"><a data-href="url" href="#"><img data-src="image" alt=""><h3 data-field="title"></h3></a><b data-field="price"></b><i data-field="old_price"></i></article>
      </template>`;
    const s = await open(`${template}<div data-vitrina-block="shop-category" data-category="Markup"></div><div data-vitrina-block="shop-category" data-category="Phones" data-limit="2"></div>`);
    const tiles = s.page.locator('article.tile');
    await eventually('the template filled', async () => ({ ok: (await tiles.count()) === 4, value: await tiles.count() }));
    const xss = s.page.locator('article[data-vitrina-item="xss-1"]');
    assert.equal(await xss.locator('h3').textContent(), MARKUP_TITLE);
    assert.equal(await xss.locator('a').getAttribute('href'), null, 'the javascript: URL is refused');
    assert.equal(await xss.locator('img').getAttribute('src'), null);
    const phone = s.page.locator('article.tile').nth(2);
    assert.match(await phone.locator('a').getAttribute('href'), /\/item\/phone-/);
    assert.match(await phone.locator('b').textContent(), /^€/);
    assert.equal(await s.page.evaluate(() => window.__pwned), undefined);
    await close(s);
  });

  test('blocks added later are filled, and refresh() asks again with the cart', async () => {
    const s = await open('<div id="spot"></div>');
    await s.page.evaluate(() => {
      document.getElementById('spot').innerHTML = '<div data-vitrina-block="shop-popular" data-cart="auto" data-limit="2"></div>';
    });
    await s.page.locator('#spot .vitrina-card').first().waitFor();
    assert.equal(s.blockRequests.length, 1);
    assert.equal(s.blockRequests[0].searchParams.get('cart'), null);
    await s.page.evaluate(() => vitrina.track('add_to_cart', { items: [{ item_id: 'case-1', quantity: 1, price: 19.9 }] }));
    assert.deepEqual(await s.page.evaluate(() => vitrina.cart()), ['case-1']);
    await s.page.evaluate(() => vitrina.refresh());
    await eventually('the block asked again', async () => ({ ok: s.blockRequests.length === 2, value: s.blockRequests.length }));
    assert.equal(s.blockRequests[1].searchParams.get('cart'), 'case-1');
    await s.page.reload();
    await s.page.waitForFunction(() => window.vitrina && window.vitrina.__vitrina);
    assert.deepEqual(await s.page.evaluate(() => vitrina.cart()), ['case-1'], 'the cart is kept across pages');
    await close(s);
  });

  test('with consent off nothing is sent: no decision, no events, blocks asked without shopper ids', async () => {
    const before = await vitrina.settledEventPosts();
    const s = await open('<div data-vitrina-block="shop-popular" data-limit="3"></div><div data-vitrina-slot="hero"><p>fallback</p></div>', { init: { consent: false } });
    await s.page.locator('.vitrina-card').first().waitFor();
    await sleep(1800); // past the viewable second and the flush interval
    await s.page.locator('.vitrina-card a').first().click();
    await sleep(500);
    assert.equal(s.decideRequests.length, 0, 'no decision request');
    assert.equal(s.eventPosts.length, 0, 'no events');
    assert.equal(s.blockRequests[0].searchParams.get('visitor'), null);
    assert.equal(s.blockRequests[0].searchParams.get('customer'), null);
    assert.equal(await vitrina.eventPosts(), before);
    await close(s);
  });
  // ---------------------------------------------------------------- pop-ups and slots (fixtures)

  const ITEM = (id, title, price, old) => ({ id, title, url: `${shopBase}/item/${id}`, image: `${shopBase}/img/${id.length}.svg`, price, old_price: old, score: 1, explanation: 'in your cart', source: 'abandoned_cart' });
  const cartExit = (extra = {}) => ({
    id: 'cart-exit',
    priority: 10,
    token: 'campaign.token-cart-exit',
    holdout: false,
    triggers: [{ type: 'exit_intent' }],
    content: {
      title: 'You left something in your cart',
      text: 'Your items are still waiting. Complete your order before they sell out.',
      cta: { label: 'Back to my cart', url: '/cart' },
      items: [ITEM('phone-1', 'Pixelon K42 Smart Phone', 199, 249), ITEM('case-1', 'Leather case', 19.9, null), ITEM('charger-1', 'USB-C charger 65 W', 35, 45)],
    },
    ...extra,
  });

  /** The element focused inside the pop-up's shadow root: its text or aria-label. */
  const focused = (page) =>
    page.evaluate(() => {
      const host = document.querySelector('[data-vitrina-popup]');
      const active = host && host.shadowRoot ? host.shadowRoot.activeElement : null;
      return active ? active.getAttribute('aria-label') || active.textContent.trim() : document.activeElement && document.activeElement.id;
    });

  test('exit intent opens one accessible dialog: focus in, Tab trapped, Esc closes and focus returns', async () => {
    const s = await open('<p>Content</p><div style="height:1500px"></div>', { decide: { campaigns: [cartExit()], slots: {} } });
    await eventually('the decision asked', async () => ({ ok: s.decisions.length === 1, value: s.decisions }));
    await s.page.focus('#before');
    await leaveThroughTop(s.page);
    const dialog = s.page.locator('[data-vitrina-popup] [role="dialog"]');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-modal'), 'true');
    const labelledBy = await dialog.getAttribute('aria-labelledby');
    assert.equal(await s.page.locator(`[data-vitrina-popup] #${labelledBy}`).textContent(), 'You left something in your cart');
    assert.equal(await focused(s.page), 'Back to my cart', 'focus moved into the dialog, on its call to action');
    await s.page.waitForLoadState('networkidle');
    await shot(s.page, 'popup-laptop.png');
    // Tab cycles: CTA (last) -> close (first) -> the three items -> CTA; Shift+Tab back again.
    const seen = [];
    for (let i = 0; i < 5; i++) {
      await s.page.keyboard.press('Tab');
      seen.push(await focused(s.page));
    }
    assert.equal(seen[0], 'Close');
    assert.equal(seen[4], 'Back to my cart', `the focus stays in the dialog: ${seen}`);
    await s.page.keyboard.press('Tab');
    assert.equal(await focused(s.page), 'Close');
    await s.page.keyboard.press('Shift+Tab');
    assert.equal(await focused(s.page), 'Back to my cart', 'Shift+Tab from the first goes to the last');
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await s.page.evaluate(() => document.activeElement.id), 'before', 'focus is back where it was');
    const view = await eventuallyEvent(s, 'view_promotion');
    assert.deepEqual(view.map((e) => [e.item_list_id, e.attribution_token]), [['cart-exit', 'campaign.token-cart-exit']]);
    const closes = await eventuallyEvent(s, 'select_promotion');
    assert.deepEqual(closes.map((e) => [e.item_list_id, e.promotion_action, e.attribution_token]), [['cart-exit', 'close', 'campaign.token-cart-exit']]);
    const strip = await eventsNamed(s, 'view_item_list');
    assert.deepEqual(strip.map((e) => [e.item_list_id, e.items.length]), [['cart-exit', 3]], 'the pop-up’s strip was seen');
    // One pop-up per page view: a second exit intent, a refresh with the campaign again, nothing.
    await leaveThroughTop(s.page);
    await s.page.evaluate(() => vitrina.refresh());
    await sleep(400);
    await leaveThroughTop(s.page);
    await sleep(400);
    assert.equal(await s.page.locator('[data-vitrina-popup]').count(), 0, 'no second pop-up on this page');
    assert.equal((await eventsNamed(s, 'view_promotion')).length, 1);
    await close(s);
  });

  test('the dialog reads well on a 375 px phone, opened by a tab switch, and its call to action is a click', async () => {
    const s = await open('<p>Content</p>', { viewport: PHONE, isMobile: true, decide: { campaigns: [cartExit()], slots: {} } });
    await eventually('the decision asked', async () => ({ ok: s.decisions.length === 1, value: s.decisions }));
    assert.equal(s.decisions[0].device, 'mobile');
    // The tab hidden, then visible again: a phone's exit intent.
    await s.page.evaluate(() => {
      const set = (state) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        document.dispatchEvent(new Event('visibilitychange'));
      };
      set('hidden');
      set('visible');
    });
    const dialog = s.page.locator('[data-vitrina-popup] [role="dialog"]');
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 375 + 0.5, `the dialog fits the phone's width: ${JSON.stringify(box)}`);
    await s.page.waitForLoadState('networkidle');
    await shot(s.page, 'popup-phone.png');
    await Promise.all([s.page.waitForURL(/\/cart$/), s.page.locator('[data-vitrina-popup] .vitrina-cta').click()]);
    const sent = await s.page.evaluate(() => JSON.parse(sessionStorage.getItem('__events')).filter((e) => e.name === 'select_promotion'));
    assert.deepEqual(sent.map((e) => [e.item_list_id, e.promotion_action]), [['cart-exit', 'click']]);
    await close(s);
  });

  test('a holdout campaign reports its show and shows nothing; triggers by page views and add to cart', async () => {
    const decide = {
      campaigns: [
        { id: 'held', priority: 20, token: 'held.token', holdout: true, experiment: { id: 'popup-test', arm: 'holdout' }, triggers: [{ type: 'add_to_cart' }] },
        cartExit({ id: 'third-page', priority: 5, triggers: [{ type: 'page_views', count: 3 }] }),
      ],
      slots: {},
    };
    const s = await open('<p>Content</p>', { decide });
    await eventually('the decision asked', async () => ({ ok: s.decisions.length === 1, value: s.decisions }));
    await sleep(300);
    assert.equal(await s.page.locator('[data-vitrina-popup]').count(), 0, 'one page view is not three');
    await s.page.evaluate(() => vitrina.track('add_to_cart', { items: [{ item_id: 'phone-1', quantity: 1 }] }));
    const held = await eventuallyEvent(s, 'view_promotion');
    assert.deepEqual(held.map((e) => [e.item_list_id, e.attribution_token]), [['held', 'held.token']]);
    assert.equal(await s.page.locator('[data-vitrina-popup]').count(), 0, 'the holdout sees nothing');
    // Two more page views in this tab session: the third shows the page-views pop-up.
    await s.page.reload();
    await s.page.reload();
    await s.page.locator('[data-vitrina-popup] [role="dialog"]').waitFor();
    assert.equal(s.decisions[2].cart, 'phone-1', 'the decision hears the script’s cart');
    assert.ok(!isNaN(Date.parse(s.decisions[2].session_start)));
    assert.equal(s.decisions[2].session_start, s.decisions[0].session_start, 'one session across the tab’s pages');
    await close(s);
  });

  test('slots are filled from the decision, keep their fallback for a holdout or no answer, and report views and clicks', async () => {
    const decide = {
      campaigns: [],
      slots: {
        'home-hero': {
          variant: 'segment:cart-over-100', token: 'slot.token-hero', holdout: false,
          content: { type: 'banner', title: 'Free delivery on your next order', text: 'Spend over €100 and we deliver for free, <b>this week</b>.', image: `${shopBase}/img/2.svg`, cta: { label: 'Shop phones', url: '/item/phone-1' } },
        },
        'side': { variant: 'default', token: 'slot.token-side', holdout: true },
        'picks': { variant: 'default', token: 'slot.token-picks', holdout: false, content: { type: 'items', title: 'Picked for you', items: [ITEM('phone-2', 'Nordel A9 Phone 128 GB', 299, null), ITEM('case-1', 'Leather case', 19.9, 25)] } },
        'bad': { variant: 'default', token: 't', holdout: false, content: { type: 'text', title: 'Evil', cta: { label: 'Go', url: 'javascript:window.__pwned=5' } } },
      },
    };
    const s = await open(`<div data-vitrina-slot="home-hero"><p id="hero-fallback">Welcome to our shop</p></div>
      <div data-vitrina-slot="side"><p id="side-fallback">Our own offer</p></div>
      <div data-vitrina-slot="absent"><p id="absent-fallback">Nothing decided</p></div>
      <div data-vitrina-slot="picks"></div><div data-vitrina-slot="bad"></div>`, { decide });
    const hero = s.page.locator('[data-vitrina-slot="home-hero"] .vitrina-banner');
    await hero.waitFor();
    assert.deepEqual(s.decisions[0].slots.split(',').sort(), ['absent', 'bad', 'home-hero', 'picks', 'side']);
    assert.equal(await hero.locator('.vitrina-banner-title').textContent(), 'Free delivery on your next order');
    assert.equal(await hero.locator('.vitrina-banner-text').textContent(), 'Spend over €100 and we deliver for free, <b>this week</b>.');
    assert.equal(await s.page.locator('#hero-fallback').count(), 0);
    assert.equal(await s.page.locator('#side-fallback').count(), 1, 'the holdout keeps the fallback');
    assert.equal(await s.page.locator('#absent-fallback').count(), 1, 'a slot without an answer keeps it');
    assert.equal(await s.page.locator('[data-vitrina-slot="picks"] .vitrina-card').count(), 2);
    assert.equal(await s.page.locator('[data-vitrina-slot="bad"] .vitrina-cta').getAttribute('href'), null);
    await s.page.waitForLoadState('networkidle');
    await shot(s.page, 'slots-laptop.png');
    const views = await eventually('the slots’ views', async () => {
      const list = await eventsNamed(s, 'view_promotion');
      return { ok: list.length >= 3, value: list.map((e) => e.item_list_id) };
    });
    // The last slot is below the fold of the laptop's screen: not seen, not counted.
    assert.deepEqual(views.sort(), ['home-hero', 'picks', 'side'], 'each slot on screen once, the holdout’s too');
    const pickView = (await eventsNamed(s, 'view_item_list')).find((e) => e.item_list_id === 'picks');
    assert.equal(pickView.attribution_token, 'slot.token-picks');
    await Promise.all([s.page.waitForURL(/\/item\/phone-1$/), hero.locator('.vitrina-cta').click()]);
    const clicks = await s.page.evaluate(() => JSON.parse(sessionStorage.getItem('__events')).filter((e) => e.name === 'select_promotion'));
    assert.deepEqual(clicks.map((e) => [e.item_list_id, e.promotion_action, e.attribution_token]), [['home-hero', 'click', 'slot.token-hero']]);
    assert.equal(await s.page.evaluate(() => window.__pwned), undefined);
    await close(s);
  });
  test('consent given later asks the decision once, and a scroll past the depth opens the pop-up', async () => {
    const decide = { campaigns: [cartExit({ id: 'deep', triggers: [{ type: 'scroll_depth', percent: 70 }, { type: 'time_on_page', seconds: 600 }] })], slots: {} };
    const s = await open('<p>Content</p><div style="height:3000px"></div>', { init: { consent: false }, decide });
    await sleep(500);
    assert.equal(s.decisions.length, 0, 'nothing asked before consent');
    await s.page.evaluate(() => {
      vitrina.setConsent(true);
      vitrina.setConsent(true);
    });
    await eventually('the decision asked', async () => ({ ok: s.decisions.length === 1, value: s.decisions.length }));
    await s.page.evaluate(() => window.scrollTo(0, 1000));
    await sleep(300);
    assert.equal(await s.page.locator('[data-vitrina-popup]').count(), 0, 'not yet 70% of the page');
    await s.page.evaluate(() => window.scrollTo(0, 2400));
    await s.page.locator('[data-vitrina-popup] [role="dialog"]').waitFor();
    await s.page.locator('[data-vitrina-popup] .vitrina-close').click();
    await s.page.locator('[data-vitrina-popup]').waitFor({ state: 'detached' });
    const closes = await eventuallyEvent(s, 'select_promotion');
    assert.deepEqual(closes.map((e) => [e.item_list_id, e.promotion_action]), [['deep', 'close']]);
    assert.equal(s.decisions.length, 1, 'a second setConsent(true) asks nothing more');
    await close(s);
  });
});
