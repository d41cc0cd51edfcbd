// The demo store (/demo/) in a real headless Chromium against the real server started with --demo:
// a shopper clicks home → category → item → add to cart → cart → checkout → thank-you, at a
// desktop's width and a phone's, and the purchase reaches the server. Screenshots of every page
// are left in test-results/ for a person to look at.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_KEY, RESULTS, VitrinaServer, eventually, launchChromium, serverJar } from './support.js';

const DESKTOP = { name: 'desktop', viewport: { width: 1280, height: 800 } };
const PHONE = { name: 'phone', viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const SCRIPT = '/widgets/v1/vitrina.js';
const IN_STOCK = '.grid .card:not(:has(.stock.out)) a';

describe('the demo store in Chromium', () => {
  const vitrina = new VitrinaServer();
  let browser;
  let publicScriptServed = false;

  before(async () => {
    serverJar();
    fs.mkdirSync(RESULTS, { recursive: true });
    browser = await launchChromium();
    await vitrina.start(['--demo', '--demo-items', '300', '--demo-visitors', '100', '--demo-days', '7']);
    publicScriptServed = (await fetch(vitrina.base + SCRIPT)).status === 200;
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await vitrina.stop();
  });

  /**
   * A fresh shopper. Where the server does not serve the public script yet, the tracker (the same
   * queue and track API) stands in for it, so that the store's events are still sent; the tracker
   * wants its endpoint spelled out, where the public script reads '' as the page's own origin.
   */
  async function shopper(device) {
    const context = await browser.newContext({ viewport: device.viewport, isMobile: !!device.isMobile, hasTouch: !!device.hasTouch });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    if (!publicScriptServed) {
      const origin =
        "(function(){var q=window.vitrina;if(Array.isArray(q))q.forEach(function(c){if(c[0]==='init'&&c[1].endpoint==='')c[1].endpoint=location.origin;});})();\n";
      const tracker = origin + (await (await fetch(vitrina.base + '/widgets/tracker.js')).text());
      await page.route('**' + SCRIPT, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: tracker }));
    }
    return { context, page, errors };
  }

  async function shot(page, device, name) {
    // Every picture in, the lazy ones too: a full-page screenshot shows the whole page.
    await page.evaluate(async () => {
      const images = [...document.images];
      for (const img of images) img.loading = 'eager';
      await Promise.all(
        images.map((img) =>
          img.complete
            ? null
            : new Promise((done) => {
                img.addEventListener('load', done, { once: true });
                img.addEventListener('error', done, { once: true });
              })
        )
      );
    });
    // Scrolled through, so that every block comes near the viewport and loads, then back up.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 400) {
        window.scrollTo(0, y);
        await new Promise((done) => setTimeout(done, 50));
      }
      window.scrollTo(0, 0);
    });
    await page
      .waitForFunction(() => !document.querySelector('[data-vitrina-block]:not([data-vitrina-state])'), null, { timeout: 5000 })
      .catch(() => {}); // a block still loading shows as its placeholder
    await page.screenshot({ path: path.join(RESULTS, `storefront-${name}-${device.name}.png`), fullPage: true });
  }

  const cartCount = (page) => page.locator('[data-shop-cart-count]').textContent();

  for (const device of [DESKTOP, PHONE]) {
    test(`a shopper buys an item, ${device.name} (${device.viewport.width} px)`, async () => {
      const { context, page, errors } = await shopper(device);
      try {
        const customer = `storefront-test-${device.name}`;
        await page.goto(vitrina.base + '/demo/');
        assert.equal(await page.locator('.logo').textContent(), 'VVitrina Market');
        assert.equal(await cartCount(page), '0');
        assert.equal(await page.locator('[data-vitrina-slot="home-hero"]').count(), 1);
        assert.ok((await page.locator('.department-tile').count()) >= 4);
        await shot(page, device, '1-home');

        // Sign in with a customer id: the store identifies the shopper.
        await page.click('[data-shop-sign-in]');
        await page.fill('#customer-id', customer);
        await page.click('[data-shop-sign-in-form] button');
        assert.equal(await page.locator('[data-shop-signed-in]').textContent(), `Hi, ${customer}`);

        await page.locator('.department-tile').first().click();
        await page.waitForURL(/\/demo\/category\//);
        assert.ok((await page.locator('.grid .card').count()) > 0, 'the category lists items');
        await shot(page, device, '2-category');

        await page.locator(IN_STOCK).first().click();
        await page.waitForURL(/\/demo\/item\//);
        const title = await page.locator('.product h1').textContent();
        const price = Number(await page.locator('[data-shop-add]').getAttribute('data-price'));
        const itemId = await page.locator('[data-shop-add]').getAttribute('data-item-id');
        await shot(page, device, '3-item');
        await page.click('[data-shop-add]');
        assert.equal(await cartCount(page), '1');
        await page.click('[data-shop-add]');
        assert.equal(await cartCount(page), '2');
        assert.ok(await page.locator('[data-shop-added]').isVisible());

        await page.click('.cart-link');
        await page.waitForURL(/\/demo\/cart$/);
        assert.equal(await page.locator('[data-shop-cart-lines] .cart-line').count(), 1);
        assert.equal(await page.locator('.cart-line .line-title').textContent(), title);
        assert.equal(await page.locator('.cart-line .qty-value').textContent(), '2');
        const total = (2 * price).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
        assert.equal(await page.locator('.summary [data-shop-cart-total]').textContent(), total);
        await page.click('[aria-label="One less"]');
        assert.equal(await cartCount(page), '1');
        await shot(page, device, '4-cart');

        await page.click('[data-shop-checkout]');
        await page.waitForURL(/\/demo\/checkout$/);
        assert.equal(await page.locator('[data-shop-order-lines] .cart-line').count(), 1);
        await shot(page, device, '5-checkout');
        await page.click('[data-shop-place-order]');
        await page.waitForURL(/\/demo\/thanks\?order=/);
        const order = await page.locator('[data-shop-order-id]').textContent();
        assert.match(order, /^order-/);
        assert.equal(await cartCount(page), '0');
        assert.equal(await page.locator('a[href="/admin/"]').first().isVisible(), true);
        await shot(page, device, '6-thanks');

        // The purchase reached the server: the shopper's export holds the order.
        const visitor = await page.evaluate(() => window.vitrina.visitorId());
        assert.ok(visitor, 'the script has a visitor id');
        await eventually(`the purchase ${order} in the export of ${visitor}`, async () => {
          const { status, body } = await vitrina.admin('GET', `/v1/admin/profiles?visitor=${encodeURIComponent(visitor)}`);
          const text = JSON.stringify(body);
          return { ok: status === 200 && text.includes(order) && text.includes(itemId) && text.includes(customer), value: [status, text.slice(0, 400)] };
        }, 15000);

        // The purchase counts in the demo's experiments: the shopper's arm (of the home page's
        // block experiment, or of the global holdout) holds the order the report on /admin/ sums.
        let counted = [];
        await eventually(`the order ${order} counted in an experiment`, async () => {
          const { body } = await vitrina.admin('GET', `/v1/admin/profiles?visitor=${encodeURIComponent(visitor)}`);
          counted = (body.experiments || []).filter((e) => e.outcome && e.outcome.orders && order in e.outcome.orders);
          return { ok: counted.length > 0, value: JSON.stringify(body.experiments).slice(0, 400) };
        }, 15000);
        if (device === DESKTOP) {
          await page.goto(vitrina.base + '/admin/');
          await page.fill('#admin-key', ADMIN_KEY);
          await page.click('form.sign-in-form button[type=submit]');
          await page.locator('table.experiments').waitFor();
          await page.goto(`${vitrina.base}/admin/#/experiments/${encodeURIComponent(counted[0].experiment)}`);
          await page.locator('.report-view').waitFor();
          await page.screenshot({ path: path.join(RESULTS, 'storefront-9-report-desktop.png'), fullPage: true });
        }

        await page.goto(vitrina.base + '/demo/search?q=phone');
        assert.ok((await page.locator('.grid .card').count()) > 0, 'the search finds phones');
        await shot(page, device, '7-search');

        const missing = await page.goto(vitrina.base + '/demo/item/no-such-item');
        assert.equal(missing.status(), 404);
        assert.equal(await page.locator('.not-found a[href="/demo/"]').count(), 1);
        await shot(page, device, '8-not-found');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test('the cart needs no public script: the queue keeps the events', async () => {
    const context = await browser.newContext({ viewport: DESKTOP.viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.route('**' + SCRIPT, (route) => route.fulfill({ status: 404, body: 'missing' }));
    try {
      await page.goto(vitrina.base + '/demo/');
      await page.locator('.department-tile').first().click();
      await page.locator(IN_STOCK).first().click();
      await page.waitForURL(/\/demo\/item\//);
      await page.click('[data-shop-add]');
      assert.equal(await cartCount(page), '1');
      const queued = await page.evaluate(() =>
        Array.isArray(window.vitrina) ? window.vitrina.filter((call) => call[0] === 'track').map((call) => call[1]) : null
      );
      assert.deepEqual(queued, ['view_item', 'add_to_cart'], 'the calls wait in the queue');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
