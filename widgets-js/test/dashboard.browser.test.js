// The experiments dashboard (/admin/) in a real headless Chromium against the real server running
// its demo store, whose experiment demo-home-for-you is played by 6,000 simulated shoppers shortly
// after start. The page must show the numbers of the JSON report; screenshots of it are left in
// test-results/ for a person to look at.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_KEY, RESULTS, VitrinaServer, eventually, launchChromium, serverJar, sleep } from './support.js';

const DEMO = 'demo-home-for-you';
// DemoExperiment.SHOPPERS, less those the global holdout (5%) keeps out of every block experiment.
const DEMO_SHOPPERS = 6000;
const MARKUP = '<img src=x onerror="window.__pwned=1">';
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const KEY_ENTRY = 'vitrina.admin-key';

/** A figure as the page shows it ("+31,284", "−14.4%", "1,537") as a number (31284, -14.4, 1537). */
function shown(text) {
  const number = Number(text.trim().replace(/\u2212/g, '-').replace(/[+,%]|\s*pp$/g, ''));
  assert.ok(Number.isFinite(number), `not a figure: ${JSON.stringify(text)}`);
  return number;
}

/** The two bounds of "95% interval +0.4% to +323.9%". */
function bounds(text) {
  const match = /interval (\S+) to ([^\s)]+)/.exec(text);
  assert.ok(match, `no interval in ${JSON.stringify(text)}`);
  return [shown(match[1]), shown(match[2])];
}

/** Money is shown in whole units from 1,000 up, with cents below: the page's rounding. */
const moneyTolerance = (value) => (Math.abs(value) >= 1000 ? 0.5 : 0.005) + 1e-9;

describe('the experiments dashboard in Chromium against the demo store', () => {
  const vitrina = new VitrinaServer();
  let browser;
  const opened = [];

  before(async () => {
    serverJar(); // fail early, with the build command, before anything starts
    fs.mkdirSync(RESULTS, { recursive: true });
    browser = await launchChromium();
    await vitrina.start(['--demo', '--demo-items', '300', '--demo-visitors', '300', '--demo-days', '7']);
    // The simulation's shoppers counted, and their events too: two reads a while apart agree.
    let previous = null;
    await eventually('the demo experiment counted, all its shoppers and their purchases', async () => {
      const { status, body } = await vitrina.admin('GET', `/v1/admin/experiments/${DEMO}/report`);
      const totals = status === 200 ? body.arms.map((a) => [a.key, a.shoppers, a.buyers, a.revenue]) : status;
      const shoppers = status === 200 ? body.arms.reduce((sum, a) => sum + a.shoppers, 0) : 0;
      const steady = shoppers > DEMO_SHOPPERS * 0.9 && JSON.stringify(totals) === JSON.stringify(previous);
      previous = totals;
      if (!steady) await sleep(1500);
      return { ok: steady, value: totals };
    }, 150000);
  });

  after(async () => {
    for (const session of opened) await session.context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await vitrina.stop();
  });

  /** A fresh browser profile on /admin/, recording errors and every address the page asked for. */
  async function openDashboard(viewport = LAPTOP) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const session = { context, page, errors: [], addresses: [] };
    page.on('pageerror', (error) => session.errors.push(String(error)));
    page.on('request', (request) => session.addresses.push(request.url()));
    opened.push(session);
    await page.goto(`${vitrina.base}/admin/`);
    await page.locator('#admin-key').waitFor();
    return session;
  }

  async function signIn(session, key = ADMIN_KEY) {
    await session.page.fill('#admin-key', key);
    await session.page.click('form.sign-in-form button[type=submit]');
  }

  async function signedIn(viewport) {
    const session = await openDashboard(viewport);
    await signIn(session);
    await session.page.locator('table.experiments').waitFor();
    return session;
  }

  async function openReport(session, id, query = '') {
    await session.page.goto(`${vitrina.base}/admin/#/experiments/${encodeURIComponent(id)}${query}`);
    await session.page.locator('.report-view').waitFor();
    // The plots are drawn once their figure has a width.
    await session.page.waitForFunction(() => [...document.querySelectorAll('figure.plot')].every((f) => f.querySelector('svg')));
  }

  async function report(id, query = '') {
    const { status, body } = await vitrina.admin('GET', `/v1/admin/experiments/${encodeURIComponent(id)}/report${query}`);
    assert.equal(status, 200, JSON.stringify(body));
    return body;
  }

  async function screenshot(page, name, fullPage = true) {
    await page.screenshot({ path: path.join(RESULTS, name), fullPage });
  }

  function noKeyInAddresses(session) {
    for (const address of [...session.addresses, session.page.url()]) {
      assert.ok(!address.includes(ADMIN_KEY), `the key is in an address: ${address}`);
    }
  }

  test('the page and its files come with a self-only policy, no framing, and are not cached stale', async () => {
    for (const file of ['', 'dashboard.js', 'dashboard.css', 'format.js']) {
      const response = await fetch(`${vitrina.base}/admin/${file}`);
      assert.equal(response.status, 200, file);
      const policy = response.headers.get('content-security-policy');
      assert.match(policy, /default-src 'none'/);
      assert.match(policy, /script-src 'self'(;|$)/);
      assert.match(policy, /frame-ancestors 'none'/);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|https?:/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('cache-control'), 'no-cache');
    }
    const page = await fetch(`${vitrina.base}/admin/`);
    const html = await page.text();
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.doesNotMatch(html, /<script>|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/i, 'inline script in the page');
    const bare = await fetch(`${vitrina.base}/admin`, { redirect: 'manual' });
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/admin/');
  });

  test('a wrong key is refused with a message, and the key is never in an address', async () => {
    const session = await openDashboard();
    const { page } = session;
    await screenshot(page, 'dashboard-sign-in.png', false);
    await signIn(session, 'not-the-key');
    const alert = page.locator('#sign-in-error');
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.textContent(), /not the admin key of this server/);
    assert.equal(await page.locator('#admin-key').count(), 1, 'the form stays');
    assert.ok(await page.locator('#account').isHidden(), 'no sign-out button before signing in');
    assert.equal(await page.evaluate((entry) => sessionStorage.getItem(entry), KEY_ENTRY), null);
    await screenshot(page, 'dashboard-wrong-key.png', false);
    for (const address of [...session.addresses, page.url()]) {
      assert.ok(!address.includes('not-the-key'), `the key is in an address: ${address}`);
    }
    assert.deepEqual(session.errors, []);
  });

  test('the right key shows the experiments, and only this tab keeps it', async () => {
    const session = await signedIn();
    const { page } = session;
    const row = page.locator(`tr[data-experiment="${DEMO}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /Running/);
    assert.match(await row.textContent(), /Block home-for-you/);
    const chips = await row.locator('.arm-chip').evaluateAll((all) => all.map((chip) => [...chip.children].map((part) => part.textContent).join(' ')));
    assert.deepEqual(chips, ['holdout 50% holdout', 'personal 50%']);
    assert.match(await row.textContent(), /100% of shoppers/);
    assert.match(await row.textContent(), /1, since/);
    assert.equal(await page.evaluate((entry) => sessionStorage.getItem(entry), KEY_ENTRY), ADMIN_KEY);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing kept beyond the tab');
    assert.deepEqual(await page.context().cookies(), []);
    noKeyInAddresses(session);

    // The global holdout, when the store has one, heads the list with its total.
    const { body } = await vitrina.admin('GET', '/v1/admin/experiments');
    const global = body.experiments.find((e) => e.id === 'global-holdout');
    const card = page.locator('#global-holdout');
    if (!global) {
      assert.equal(await card.count(), 0, 'no global holdout card without a global holdout');
    } else {
      assert.match(await card.locator('h2').textContent(), /^Global holdout — total incremental revenue of personalization$/);
      if (global.status !== 'draft') {
        const json = await report('global-holdout');
        const incremental = json.arms.filter((a) => a.key !== json.control).reduce((sum, a) => sum + a.attribution.incremental, 0);
        assert.ok(Math.abs(shown(await card.locator('[data-figure="incremental"]').textContent()) - incremental) <= moneyTolerance(incremental));
        const lift = json.metrics.find((m) => m.metric === 'revenue_per_shopper').comparisons[0].relative;
        if (typeof lift.estimate === 'number') {
          const [low, high] = bounds(await card.locator('[data-figure="lift-interval"]').first().textContent());
          assert.ok(Math.abs(low - lift.low * 100) <= 0.05 && Math.abs(high - lift.high * 100) <= 0.05, `${low}..${high} vs ${JSON.stringify(lift)}`);
        }
      }
    }
    await screenshot(page, 'dashboard-list.png', false);
    await page.setViewportSize(PHONE);
    await screenshot(page, 'dashboard-list-phone.png');
    assert.deepEqual(session.errors, []);
  });

  test('the report shows the JSON report’s numbers, in the interval mode chosen', async () => {
    const session = await signedIn();
    const { page } = session;
    await page.click(`a.experiment-link:text-is("${DEMO}")`);
    await page.locator('.report-view').waitFor();
    const json = await report(DEMO);
    assert.equal(json.method, 'sequential');
    assert.match(await page.locator('[data-method-in-force]').textContent(), /In force: sequential/);
    for (const arm of json.arms) {
      const cell = (measure) => page.locator(`td[data-arm="${arm.key}"][data-measure="${measure}"]`);
      assert.equal(shown(await cell('shoppers').textContent()), arm.shoppers, `${arm.key} shoppers`);
      assert.equal(shown(await cell('buyers').textContent()), arm.buyers, `${arm.key} buyers`);
      assert.equal(shown(await cell('orders').textContent()), arm.orders, `${arm.key} orders`);
      assert.ok(Math.abs(shown(await cell('revenue').textContent()) - arm.revenue) <= moneyTolerance(arm.revenue), `${arm.key} revenue`);
      for (const kind of ['click_through', 'click_through_orders', 'view_through']) {
        const value = arm.attribution[kind];
        const text = await page.locator(`td[data-arm="${arm.key}"][data-attribution="${kind}"]`).textContent();
        assert.ok(Math.abs(shown(text) - value) <= moneyTolerance(value), `${arm.key} ${kind}: ${text} vs ${value}`);
      }
      const incremental = await page.locator(`td[data-arm="${arm.key}"][data-attribution="incremental"]`).textContent();
      if (arm.key === json.control) assert.equal(incremental, 'baseline');
      else assert.ok(Math.abs(shown(incremental) - arm.attribution.incremental) <= moneyTolerance(arm.attribution.incremental), `${arm.key} incremental`);
    }
    // The demo's block works: its incremental revenue is positive, as the headline says.
    const personal = json.arms.find((a) => a.key === 'personal');
    assert.ok(personal.attribution.incremental > 0, JSON.stringify(personal));
    const headline = page.locator('.headline-arm[data-arm="personal"]');
    assert.ok(Math.abs(shown(await headline.locator('[data-figure="incremental"]').textContent()) - personal.attribution.incremental) <= 0.5);

    const primary = json.metrics.find((m) => m.primary);
    assert.equal(primary.metric, 'revenue_per_shopper');
    const lift = primary.comparisons.find((c) => c.arm === 'personal').relative;
    const [low, high] = bounds(await headline.locator('[data-figure="primary-interval"]').textContent());
    assert.ok(Math.abs(low - lift.low * 100) <= 0.05 && Math.abs(high - lift.high * 100) <= 0.05, `${low}..${high} vs ${JSON.stringify(lift)}`);
    const metric = page.locator('article.metric[data-metric="revenue_per_shopper"] .comparison[data-arm="personal"]');
    const [mLow, mHigh] = bounds(await metric.locator('[data-effect="relative"] .effect-interval').textContent());
    assert.deepEqual([mLow, mHigh], [low, high]);
    const bar = metric.locator('[data-effect="relative"] .interval-bar');
    assert.equal(await bar.getAttribute('class'), `interval-bar ${lift.low > 0 ? 'above' : lift.high < 0 ? 'below' : 'across'}`);
    const adjusted = await metric.locator('[data-adjusted]').textContent();
    assert.match(adjusted, /adjusted/);

    // The ratio check: a warning only when the API flags a mismatch.
    const srm = page.locator('#srm');
    if (json.sample_ratio.mismatch) assert.match(await srm.textContent(), /sample ratio mismatch/i);
    else assert.match(await srm.textContent(), /fit their weights/);

    // The switch to fixed-horizon intervals asks the API for them and shows those.
    await page.click('a[data-method="fixed"]');
    await page.waitForFunction(() => document.querySelector('[data-method-in-force]')?.dataset.methodInForce === 'fixed');
    assert.ok(!page.url().includes(ADMIN_KEY));
    const fixed = (await report(DEMO, '?method=fixed')).metrics.find((m) => m.primary).comparisons.find((c) => c.arm === 'personal').relative;
    const [fLow, fHigh] = bounds(await page.locator('.headline-arm[data-arm="personal"] [data-figure="primary-interval"]').textContent());
    assert.ok(Math.abs(fLow - fixed.low * 100) <= 0.05 && Math.abs(fHigh - fixed.high * 100) <= 0.05, `${fLow}..${fHigh} vs ${JSON.stringify(fixed)}`);
    assert.ok(fixed.high - fixed.low < lift.high - lift.low, 'fixed-horizon intervals are the narrower');

    // Capping revenue asks the API for capped figures, keeps the interval mode, and says the cap.
    await page.click('a[data-cap="0.99"]');
    await page.waitForFunction(() => document.querySelector('[data-cap-in-force]')?.dataset.capInForce === '0.99');
    const capped = await report(DEMO, '?method=fixed&cap=0.99');
    assert.equal(capped.method, 'fixed');
    assert.equal(capped.revenue_cap.percentile, 0.99);
    const note = await page.locator('[data-cap-in-force]').textContent();
    const cap = shown(/counts up to (\S+) /.exec(note)[1]);
    assert.ok(Math.abs(cap - capped.revenue_cap.value) <= moneyTolerance(capped.revenue_cap.value), `${note} vs ${JSON.stringify(capped.revenue_cap)}`);
    for (const arm of capped.arms) {
      const text = await page.locator(`td[data-arm="${arm.key}"][data-measure="revenue"]`).textContent();
      assert.ok(Math.abs(shown(text) - arm.revenue) <= moneyTolerance(arm.revenue), `${arm.key} capped revenue: ${text} vs ${arm.revenue}`);
    }
    assert.match(await page.locator('[data-method-in-force]').textContent(), /In force: fixed horizon/);
    noKeyInAddresses(session);
    assert.deepEqual(session.errors, []);
  });

  test('the lift plot has a point for each of the report’s moments, on a laptop and a phone', async () => {
    // The first snapshot of the arms' totals is kept a minute after start: wait for it, so the plot
    // has a line and not a lone point.
    await eventually('a snapshot of the demo experiment', async () => {
      const json = await report(DEMO);
      return { ok: json.history.filter((p) => p.arm === 'personal').length >= 2, value: json.history };
    }, 120000);
    for (const [viewport, name] of [[LAPTOP, 'dashboard-report-laptop.png'], [PHONE, 'dashboard-report-phone.png']]) {
      const session = await signedIn(viewport);
      const { page } = session;
      await openReport(session, DEMO);
      const history = (await report(DEMO)).history.filter((p) => p.arm === 'personal');
      const plot = page.locator('figure.plot[data-arm="personal"] svg');
      assert.equal(await plot.locator('circle.point').count(), history.length);
      assert.equal(await plot.locator('polyline.estimate').count(), 1);
      assert.equal(await plot.locator('polygon.band').count(), 1);
      assert.equal(await plot.locator('line.zero').count(), 1);
      assert.ok((await plot.locator('text.tick.y').count()) >= 3, 'the lift axis has labels');
      const last = history[history.length - 1];
      const title = await plot.locator('circle.point').last().locator('title').textContent();
      const [low, high] = bounds(title);
      assert.ok(Math.abs(low - last.low * 100) <= 0.05 && Math.abs(high - last.high * 100) <= 0.05, `${title} vs ${JSON.stringify(last)}`);
      // Readable without sideways scrolling of the page: wide tables scroll inside their card.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${viewport.width}px screen`);
      await screenshot(page, name);
      await page.screenshot({ path: path.join(RESULTS, name.replace('.png', '-top.png')) });
      assert.deepEqual(session.errors, []);
    }
  });

  test('markup in an experiment’s texts shows as characters, never as markup', async () => {
    // Ids and arm keys cannot hold markup at all: the API refuses them.
    const refused = await vitrina.admin('POST', '/v1/admin/experiments', {
      id: MARKUP, placement: { block: 'home-for-you' }, arms: [{ key: MARKUP, holdout: true }, { key: 'b' }],
    });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    // A configured arm's description can, and so can an address typed by hand.
    assert.equal((await vitrina.admin('PUT', '/v1/admin/blocks/markup-block', { algorithm: 'popular' })).status, 201);
    const created = await vitrina.admin('POST', '/v1/admin/experiments', {
      id: 'markup-test',
      placement: { block: 'markup-block' },
      arms: [{ key: 'holdout', holdout: true }, { key: 'configured', block: { algorithm: 'popular', description: MARKUP } }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await vitrina.admin('POST', '/v1/admin/experiments/markup-test/start')).status, 200);

    const session = await signedIn();
    const { page } = session;
    await openReport(session, 'markup-test');
    assert.equal(await page.locator('td[data-arm="configured"][data-measure="shows"] .shows-description').textContent(), MARKUP);
    await page.locator('table.arms').first().screenshot({ path: path.join(RESULTS, 'dashboard-markup.png') });

    await page.goto(`${vitrina.base}/admin/#/experiments/${encodeURIComponent(MARKUP)}`);
    await page.locator('.failure').waitFor();
    assert.equal(await page.locator('.failure-message').textContent(), `no experiment '${MARKUP}'`);
    assert.equal(await page.locator('#app img').count(), 0, 'an img element was made from data');
    await screenshot(page, 'dashboard-markup-address.png', false);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(session.errors, []);
  });

  test('signing out forgets the key', async () => {
    const session = await signedIn();
    const { page } = session;
    await openReport(session, DEMO);
    await page.click('#sign-out');
    await page.locator('#admin-key').waitFor();
    assert.equal(await page.evaluate((entry) => sessionStorage.getItem(entry), KEY_ENTRY), null);
    assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0);
    assert.equal(await page.locator('.report-view').count(), 0, 'the report is gone from the page');
    // Neither a reload nor a report's address gets past the sign-in without the key.
    await page.reload();
    await page.locator('#admin-key').waitFor();
    await page.goto(`${vitrina.base}/admin/#/experiments/${DEMO}`);
    await page.locator('#admin-key').waitFor();
    assert.equal(await page.locator('.report-view').count(), 0);
    assert.deepEqual(session.errors, []);
  });
});
