// Unit tests of the script's pure modules (no browser): URL checks, template bindings, trigger
// logic, one pop-up per page, device detection, the cart, the bundle's budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { safeUrl } from '../src/url.js';
import { bindTemplate, fieldText, formatPrice } from '../src/dom.js';
import { byPriority, createGate, createScrollUp, leavesThroughTop, meets, scrollPercent } from '../src/triggers.js';
import { deviceOf, nextCart, startVisit } from '../src/session.js';
import { query } from '../src/client.js';
import { blockParams } from '../src/blocks.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

test('safeUrl keeps http(s) and relative URLs', () => {
  for (const url of ['https://shop.example/p/1', 'http://shop.example', '/demo/item/1', 'item/2?x=1', '?page=2', '#top', '//cdn.example/i.png', 'HTTPS://X.EXAMPLE/']) {
    assert.equal(safeUrl(url), url, url);
  }
  assert.equal(safeUrl('  /demo/cart \n'), '/demo/cart');
});

test('safeUrl refuses javascript:, data: and other schemes however they are spelled', () => {
  for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
    '\u0001javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd', 'mailto:x@y', '/\\evil.example', '\\\\evil.example', '', null, 42, {}]) {
    assert.equal(safeUrl(url), null, JSON.stringify(url));
  }
});

/** The least of a DOM a template binding needs: elements with attributes, textContent, querySelectorAll. */
class FakeElement {
  constructor(attrs, children = []) {
    this.attrs = { ...attrs };
    this.children = children;
    this.textContent = '';
  }
  getAttribute(n) {
    return n in this.attrs ? this.attrs[n] : null;
  }
  setAttribute(n, v) {
    this.attrs[n] = String(v);
  }
  removeAttribute(n) {
    delete this.attrs[n];
  }
  matches(selector) {
    const name = /^\[([a-z-]+)\]$/.exec(selector)[1];
    return name in this.attrs;
  }
  querySelectorAll(selector) {
    const out = [];
    const walk = (node) => node.children.forEach((c) => (c.matches(selector) && out.push(c), walk(c)));
    walk(this);
    return out;
  }
}

test('a store template binds fields as text and URLs only when they are safe', () => {
  const title = new FakeElement({ 'data-field': 'title' });
  const price = new FakeElement({ 'data-field': 'price' });
  const old = new FakeElement({ 'data-field': 'old_price' });
  const link = new FakeElement({ 'data-href': 'url', href: '#' }, [title, price, old]);
  const image = new FakeElement({ 'data-src': 'image' });
  const root = new FakeElement({ class: 'card' }, [link, image]);
  const item = { id: 'x', title: '<img src=x onerror=alert(1)>', price: 10, old_price: null, url: 'javascript:alert(1)', image: 'https://cdn.example/x.png' };
  bindTemplate(root, item, (v) => `€${v.toFixed(2)}`);
  assert.equal(title.textContent, '<img src=x onerror=alert(1)>', 'the title is text');
  assert.equal(price.textContent, '€10.00');
  assert.equal(old.textContent, '');
  assert.equal(old.getAttribute('data-vitrina-empty'), '', 'an empty field is marked');
  assert.equal(link.getAttribute('href'), null, 'a javascript: URL is not set, and the template’s own is removed');
  assert.equal(image.getAttribute('src'), 'https://cdn.example/x.png');
});

test('fieldText formats prices and refuses objects', () => {
  const fmt = (v) => `$${v}`;
  assert.equal(fieldText({ price: 5 }, 'price', fmt), '$5');
  assert.equal(fieldText({ brand: { toString: () => '<b>' } }, 'brand', fmt), '');
  assert.equal(fieldText({ title: 'T' }, 'title', fmt), 'T');
  assert.equal(formatPrice(1234.5, 'EUR', 'en-US'), '€1,234.50');
  assert.equal(formatPrice(3, undefined, 'en-US'), '3.00');
});

const CAMPAIGNS = [
  { id: 'low', priority: 1, triggers: [{ type: 'time_on_page', seconds: 5 }] },
  { id: 'high', priority: 10, triggers: [{ type: 'exit_intent' }, { type: 'scroll_depth', percent: 60 }] },
  { id: 'views', priority: 5, triggers: [{ type: 'page_views', count: 3 }] },
];

test('a trigger is met by a signal of its type at or past its threshold', () => {
  assert.ok(meets({ type: 'time_on_page', seconds: 30 }, { type: 'time_on_page', seconds: 30.2 }));
  assert.ok(!meets({ type: 'time_on_page', seconds: 30 }, { type: 'time_on_page', seconds: 29 }));
  assert.ok(meets({ type: 'scroll_depth', percent: 60 }, { type: 'scroll_depth', percent: 61 }));
  assert.ok(!meets({ type: 'idle', seconds: 20 }, { type: 'time_on_page', seconds: 100 }));
  assert.ok(meets({ type: 'page_views', count: 3 }, { type: 'page_views', count: 3 }));
  assert.ok(!meets({ type: 'page_views', count: 3 }, { type: 'page_views', count: 2 }));
  assert.ok(meets({ type: 'add_to_cart' }, { type: 'add_to_cart' }));
  assert.ok(!meets({ type: 'made_up' }, { type: 'made_up' }), 'an unknown trigger type never fires');
});

test('the highest priority campaign whose trigger fires is shown, and only one per page view', () => {
  assert.deepEqual(byPriority(CAMPAIGNS).map((c) => c.id), ['high', 'views', 'low']);
  const page = { shown: null };
  const gate = createGate(CAMPAIGNS, page);
  assert.equal(gate.signal({ type: 'time_on_page', seconds: 2 }), null);
  assert.equal(gate.signal({ type: 'time_on_page', seconds: 6 }).id, 'low');
  assert.equal(gate.signal({ type: 'exit_intent' }), null, 'a second pop-up on the same page is refused');
  assert.equal(createGate(CAMPAIGNS, page).signal({ type: 'exit_intent' }), null, 'a refresh’s new gate too');
  assert.equal(createGate(CAMPAIGNS, { shown: null }).signal({ type: 'scroll_depth', percent: 80 }).id, 'high');
  assert.deepEqual(createGate(CAMPAIGNS, { shown: null }).types().sort(), ['exit_intent', 'page_views', 'scroll_depth', 'time_on_page']);
});

test('scroll depth, a fast scroll up and the pointer leaving through the top', () => {
  assert.equal(scrollPercent(0, 800, 800), 100);
  assert.equal(scrollPercent(400, 800, 2000), 60);
  const up = createScrollUp(250, 500);
  assert.equal(up(1000, 0), false);
  assert.equal(up(900, 1000), false, 'a slow scroll up is not exit intent');
  assert.equal(up(600, 1200), true, '300 px up in 200 ms is');
  const slow = createScrollUp(250, 500);
  slow(200, 0);
  assert.equal(slow(0, 100), false, 'not from near the top of the page');
  assert.ok(leavesThroughTop({ relatedTarget: null, clientY: -2 }));
  assert.ok(!leavesThroughTop({ relatedTarget: null, clientY: 300 }), 'leaving through the side is not');
  assert.ok(!leavesThroughTop({ relatedTarget: {}, clientY: 0 }), 'moving onto another element is not');
});

test('the device comes from the user agent, else the viewport width', () => {
  const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
  const pixel = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36';
  const tab = 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 Chrome/120 Safari/537.36';
  const ipad = 'Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15';
  const desktop = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36';
  assert.equal(deviceOf(390, iphone), 'mobile');
  assert.equal(deviceOf(412, pixel), 'mobile');
  assert.equal(deviceOf(800, tab), 'tablet');
  assert.equal(deviceOf(820, ipad), 'tablet');
  assert.equal(deviceOf(1366, desktop), 'desktop');
  assert.equal(deviceOf(375, desktop), 'mobile', 'a narrow window is a phone');
});

test('the cart follows add_to_cart, remove_from_cart and purchase', () => {
  let cart = [];
  cart = nextCart(cart, { name: 'add_to_cart', items: [{ item_id: 'a' }] });
  cart = nextCart(cart, { name: 'add_to_cart', items: [{ item_id: 'b' }, { item_id: 'a' }] });
  assert.deepEqual(cart, ['b', 'a']);
  cart = nextCart(cart, { name: 'remove_from_cart', items: [{ item_id: 'b' }] });
  assert.deepEqual(cart, ['a']);
  assert.deepEqual(nextCart(cart, { name: 'view_item', items: [{ item_id: 'z' }] }), ['a']);
  assert.deepEqual(nextCart(cart, { name: 'purchase', items: [{ item_id: 'a' }] }), []);
});

test('the visit starts once per tab session and counts its page views', () => {
  const data = new Map();
  const sessionStorage = { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)), removeItem: (k) => data.delete(k) };
  const root = { sessionStorage };
  const first = startVisit(root, true, Date.parse('2026-01-01T10:00:00Z'));
  const second = startVisit(root, true, Date.parse('2026-01-01T10:05:00Z'));
  assert.deepEqual(first, { sessionStart: '2026-01-01T10:00:00.000Z', pageViews: 1 });
  assert.deepEqual(second, { sessionStart: '2026-01-01T10:00:00.000Z', pageViews: 2 });
  const unstored = startVisit({ sessionStorage }, false, Date.parse('2026-01-02T00:00:00Z'));
  assert.deepEqual(unstored, { sessionStart: '2026-01-02T00:00:00.000Z', pageViews: 1 }, 'without consent nothing is read or kept');
});

test('a block’s request comes from its attributes; data-cart="auto" is the script’s cart', () => {
  const element = new FakeElement({ 'data-item-id': ' sku-1 ', 'data-category': 'Phones', 'data-query': '', 'data-cart': 'auto', 'data-limit': '4' });
  assert.deepEqual(blockParams(element, () => ['a', 'b']), { item: 'sku-1', category: 'Phones', q: undefined, cart: ['a', 'b'], limit: 4 });
  const listed = new FakeElement({ 'data-cart': 'x, y', 'data-limit': '1000' });
  assert.deepEqual(blockParams(listed, () => []), { item: undefined, category: undefined, q: undefined, cart: ['x', 'y'] });
  assert.equal(query({ a: 'x y', b: ['1', '2'], c: undefined, d: '', e: [] }), 'a=x%20y&b=1%2C2');
});

test('the bundle is under its budget: 15 KB gzipped', () => {
  const bundle = path.resolve(HERE, '../dist/vitrina.js');
  assert.ok(fs.existsSync(bundle), 'dist/vitrina.js is missing: npm run build');
  const gzipped = zlib.gzipSync(fs.readFileSync(bundle), { level: 9 }).length;
  assert.ok(gzipped < 15 * 1024, `${gzipped} bytes gzipped`);
});
