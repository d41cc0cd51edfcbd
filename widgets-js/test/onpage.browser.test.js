// Pop-ups and slots end to end: the demo store's pages in a real headless Chromium, the public
// script, and the real server deciding (GET /v1/decide) from the demo's saved campaign, slots and
// segments. No fixtures: what the page shows is what the server decided for this shopper, and what
// the page reports comes back in the shopper's export.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RESULTS, VitrinaServer, eventually, launchChromium, leaveThroughTop, serverJar, sleep } from './support.js';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const DIALOG = '[data-vitrina-popup] [role="dialog"]';

describe('pop-ups and slots against the real decision', () => {
  const vitrina = new VitrinaServer();
  let browser;

  before(async () => {
    serverJar();
    fs.mkdirSync(RESULTS, { recursive: true });
    browser = await launchChromium();
    await vitrina.start(['--demo', '--demo-items', '300', '--demo-visitors', '100', '--demo-days', '7']);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await vitrina.stop();
  });

  /** A page of the context that records the decisions the server answered. */
  async function pageOf(context) {
    const page = await context.newPage();
    const decisions = [];
    page.on('response', async (response) => {
      if (!response.url().includes('/v1/decide')) return;
      try {
        decisions.push(await response.json());
      } catch {
        // the page went away first
      }
    });
    return { page, decisions };
  }

  const visitorOf = (page) => page.evaluate(() => vitrina.visitorId());

  async function exported(visitor) {
    const { status, body } = await vitrina.admin('GET', `/v1/admin/profiles?visitor=${encodeURIComponent(visitor)}`);
    assert.equal(status, 200, JSON.stringify(body));
    return body;
  }

  /** An in-stock item of a department, by its card on the department's page. */
  async function openItem(page, department) {
    await page.goto(`${vitrina.base}/demo/category/${department}`);
    await page.locator('.grid .card:not(:has(.stock.out)) a').first().click();
    await page.waitForURL(/\/demo\/item\//);
    return page.locator('[data-shop-add]').getAttribute('data-item-id');
  }

  /** The element focused inside the pop-up's shadow root: its aria-label or text. */
  const focused = (page) =>
    page.evaluate(() => {
      const host = document.querySelector('[data-vitrina-popup]');
      const active = host && host.shadowRoot ? host.shadowRoot.activeElement : null;
      return active ? active.getAttribute('aria-label') || active.textContent.trim() : null;
    });

  test('a returning visitor with a cart meets the exit-intent pop-up with their cart, once per its caps, by keyboard alone', async () => {
    const context = await browser.newContext(DESKTOP);
    try {
      // The first visit: an item in the cart, then the tab is closed.
      const first = await pageOf(context);
      const item = await openItem(first.page, 'electronics');
      await first.page.click('[data-shop-add]');
      const visitor = await visitorOf(first.page);
      await eventually('the cart to reach the server', async () => {
        const cart = (await exported(visitor)).activity.cart;
        return { ok: cart.includes(item), value: cart };
      });
      await first.page.close();

      // The next visit, a new tab: a new session of the same visitor, whose cart is waiting.
      const { page, decisions } = await pageOf(context);
      await page.goto(`${vitrina.base}/demo/`);
      await eventually('the decision', async () => ({ ok: decisions.length > 0, value: decisions }));
      const offered = decisions[0].campaigns.map((c) => c.id);
      assert.deepEqual(offered, ['cart-exit'], JSON.stringify(decisions[0]));
      assert.equal(await page.locator(DIALOG).count(), 0, 'no pop-up before the shopper leaves');

      await page.keyboard.press('Tab'); // the page's first link has the focus, as a keyboard user's
      const before = await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80));
      await leaveThroughTop(page);
      const dialog = page.locator(DIALOG);
      await dialog.waitFor();
      assert.equal(await dialog.getAttribute('aria-modal'), 'true');
      const title = page.locator(`[data-vitrina-popup] #${await dialog.getAttribute('aria-labelledby')}`);
      assert.equal(await title.textContent(), 'You left something in your cart');
      const strip = await page.evaluate(() =>
        [...document.querySelector('[data-vitrina-popup]').shadowRoot.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
      );
      assert.ok(strip.some((href) => href.endsWith(`/demo/item/${item}`)), `the strip shows the cart's item ${item}: ${strip}`);
      assert.equal(await focused(page), 'Back to my cart', 'focus moved into the dialog');
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(RESULTS, 'onpage-popup-desktop.png') });

      // The keyboard alone: Tab stays inside the dialog, Esc closes it, focus goes back.
      const seen = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        seen.push(await focused(page));
      }
      assert.ok(seen.every((label) => label !== null), `the focus stayed in the dialog: ${seen}`);
      assert.ok(seen.includes('Close') && seen.includes('Back to my cart'), `${seen}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80)), before, 'focus is back where it was');

      // The show and the close came back to the server, which caps the campaign from them.
      await eventually('the show and the close in the export', async () => {
        const shows = (await exported(visitor)).promotions || [];
        const mine = shows.find((p) => p.item_list_id === 'cart-exit');
        return { ok: !!mine && mine.shows === 1 && mine.last_closed !== null, value: shows };
      });
      decisions.length = 0;
      await page.reload();
      await eventually('the next decision', async () => ({ ok: decisions.length > 0, value: decisions }));
      assert.deepEqual(decisions[0].campaigns, [], 'closed, and shown once this session: not offered again');
      await leaveThroughTop(page);
      await sleep(500);
      assert.equal(await page.locator(DIALOG).count(), 0, 'no pop-up after its caps');
    } finally {
      await context.close();
    }
  });

  test('the call to action, pressed with Enter, leads to the cart and counts as a click', async () => {
    const context = await browser.newContext(DESKTOP);
    try {
      const { page, decisions } = await pageOf(context);
      await openItem(page, 'books');
      await page.click('[data-shop-add]');
      const visitor = await visitorOf(page);
      // The page asks again once the cart changed: leave only after the answer offers the pop-up.
      await eventually('a decision with the cart pop-up', async () => ({
        ok: decisions.some((d) => d.campaigns.some((c) => c.id === 'cart-exit')),
        value: decisions,
      }));
      await leaveThroughTop(page);
      await page.locator(DIALOG).waitFor();
      assert.equal(await focused(page), 'Back to my cart');
      await Promise.all([page.waitForURL(/\/demo\/cart$/), page.keyboard.press('Enter')]);
      await eventually('the click in the shopper’s events', async () => {
        const events = (await exported(visitor)).events.items || [];
        const clicks = events.filter((e) => e.name === 'select_promotion');
        return { ok: clicks.length === 1, value: events.map((e) => e.name) };
      });
    } finally {
      await context.close();
    }
  });

  test('the home page slot shows the content of the shopper’s segment, and the default to everyone else', async () => {
    const stranger = await browser.newContext(DESKTOP);
    const browsing = await browser.newContext(DESKTOP);
    try {
      const other = await pageOf(stranger);
      await other.page.goto(`${vitrina.base}/demo/`);
      const hero = other.page.locator('[data-vitrina-slot="home-hero"]');
      await eventually('the default hero', async () => ({ ok: (await hero.textContent()).includes('Welcome to the Vitrina demo store'), value: await hero.textContent() }));

      // Two phones viewed this week and nothing bought: the demo's segment "phone-browsers".
      const { page } = await pageOf(browsing);
      const phones = page.locator('.grid .card a');
      for (const i of [0, 1]) {
        await page.goto(`${vitrina.base}/demo/category/phones`);
        await phones.nth(i).click();
        await page.waitForURL(/\/demo\/item\//);
      }
      const me = await visitorOf(page);
      await eventually('the shopper in phone-browsers', async () => {
        const segments = (await exported(me)).segments || [];
        const ids = segments.map((s) => (typeof s === 'string' ? s : s.id));
        return { ok: ids.includes('phone-browsers'), value: ids };
      });
      await page.goto(`${vitrina.base}/demo/`);
      const mine = page.locator('[data-vitrina-slot="home-hero"]');
      await eventually('the segment’s hero', async () => ({ ok: (await mine.textContent()).includes('Still thinking about a new phone?'), value: await mine.textContent() }));
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(RESULTS, 'onpage-slot-segment-desktop.png') });
      await other.page.screenshot({ path: path.join(RESULTS, 'onpage-slot-default-desktop.png') });
    } finally {
      await stranger.close();
      await browsing.close();
    }
  });
});
