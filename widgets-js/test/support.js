// What the browser tests share: the real Vitrina server (its jar, started with its embedded
// PostgreSQL in a fresh temporary folder, stopped with its process group) and a headless Chromium.
//
// The server jar comes from `mvn package` (../server/target/vitrina-server.jar, or the path in
// VITRINA_SERVER_JAR); Chromium is /usr/bin/chromium, or the path in VITRINA_CHROMIUM.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const TEST_COMMAND =
  'cd .. && JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -q -B -pl server -am package -Dmaven.test.skip=true && cd widgets-js && npm ci && npm test';
export const SITE_KEY = 'test-site';
export const ADMIN_KEY = 'test-admin';
export const CHROMIUM = process.env.VITRINA_CHROMIUM || '/usr/bin/chromium';
/** Where the tests leave what a person looks at afterwards (screenshots); git-ignored. */
export const RESULTS = path.resolve(HERE, '../test-results');

// ------------------------------------------------------------------ environment

export function serverJar() {
  const jar = process.env.VITRINA_SERVER_JAR || path.resolve(HERE, '../../server/target/vitrina-server.jar');
  if (!fs.existsSync(jar)) {
    throw new Error(
      `The Vitrina server jar is missing: ${jar}\n` +
        `Build it before the browser tests, as widgets-js/README.md says ("Running the tests"):\n  ${TEST_COMMAND}\n` +
        '(or point VITRINA_SERVER_JAR at a built vitrina-server.jar with its lib/ folder beside it)'
    );
  }
  return jar;
}

/** The major version `java -version` reports (8 for "1.8.0_x"), or 0 when it does not run. */
function javaMajor(javaBin) {
  if (!fs.existsSync(javaBin)) return 0;
  const result = spawnSync(javaBin, ['-version'], { encoding: 'utf8', timeout: 20000 });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return 0;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** JAVA_HOME when it is a JDK 21+, else the newest JDK 21+ under /usr/lib/jvm. */
function findJava() {
  const home = process.env.JAVA_HOME;
  if (home) {
    const bin = path.join(home, 'bin', 'java');
    if (javaMajor(bin) >= 21) return bin;
  }
  let best = null;
  const root = '/usr/lib/jvm';
  const entries = fs.existsSync(root) ? fs.readdirSync(root) : [];
  for (const entry of entries) {
    const bin = path.join(root, entry, 'bin', 'java');
    const major = javaMajor(bin);
    if (major >= 21 && (!best || major > best.major)) best = { bin, major };
  }
  if (!best) {
    throw new Error(
      `No JDK 21 or newer: JAVA_HOME (${home || 'unset'}) is not one and none was found under /usr/lib/jvm. ` +
        'The server needs Java 21+; set JAVA_HOME to such a JDK.'
    );
  }
  return best.bin;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until check() returns a truthy value, or fails with the last value seen. */
export async function eventually(what, check, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await check();
    if (last.ok) return last.value;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms; last seen ${JSON.stringify(last.value)}`);
    await sleep(150);
  }
}

// ------------------------------------------------------------------ the Vitrina server

export class VitrinaServer {
  constructor() {
    this.output = '';
    this.child = null;
    this.dataDir = null;
    this.port = 0;
  }

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server with the test keys and `extraArgs` (e.g. ['--cors-origins', origin]). */
  async start(extraArgs = []) {
    const jar = serverJar();
    const java = findJava();
    this.port = await freePort();
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-widgets-test-'));
    const args = [
      '--add-modules', 'jdk.incubator.vector', '-Xmx512m', '-jar', jar,
      '--port', String(this.port), '--host', '127.0.0.1', '--data-dir', this.dataDir,
      '--site-key', SITE_KEY, '--admin-key', ADMIN_KEY, ...extraArgs,
    ];
    // Its own process group, so that a SIGKILL can also reach the embedded PostgreSQL.
    this.child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const keep = (chunk) => {
      this.output = (this.output + chunk.toString()).slice(-20000);
    };
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));

    const deadline = Date.now() + 90000;
    let exit = null;
    this.exited.then((e) => (exit = e));
    for (;;) {
      if (exit) throw new Error(`The Vitrina server exited (${JSON.stringify(exit)}) before it was ready:\n${this.output}`);
      try {
        const response = await fetch(`${this.base}/ready`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`The Vitrina server was not ready within 90 s:\n${this.output}`);
      await sleep(250);
    }
  }

  /**
   * Whether this server has GET /v1/decide (the campaigns capability). Until it has, the tests
   * answer the page's decision requests themselves (stubDecide), so a 404 does not fail them.
   */
  async servesDecide() {
    if (this.decide === undefined) {
      const response = await fetch(`${this.base}/v1/decide?site_key=${SITE_KEY}`);
      this.decide = response.status !== 404 || !(await response.text()).includes('no such endpoint');
    }
    return this.decide;
  }

  async stop() {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const stopped = await Promise.race([this.exited.then(() => true), sleep(20000).then(() => false)]);
      if (!stopped) {
        try {
          process.kill(-this.child.pid, 'SIGKILL');
        } catch {
          this.child.kill('SIGKILL');
        }
        await Promise.race([this.exited, sleep(5000)]);
      }
    }
    if (this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** An admin API call with the admin key: {status, body} (body parsed when JSON). */
  async admin(method, apiPath, body) {
    const response = await fetch(`${this.base}${apiPath}`, {
      method,
      headers: { 'X-Admin-Key': ADMIN_KEY, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, body: parsed };
  }

  async loadCatalog(items) {
    const response = await fetch(`${this.base}/v1/admin/items`, {
      method: 'POST',
      headers: { 'X-Admin-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify(items),
    });
    const body = await response.json();
    assert.equal(response.status, 200, `catalog upload: ${JSON.stringify(body)}`);
    assert.deepEqual([body.added, body.skipped], [items.length, 0], JSON.stringify(body));
    // A write that adds items answers once they are searchable; events for items not yet in the
    // catalog would be accepted anyway. Checked all the same, so the tests start from a served catalog.
    await eventually('the catalog to be searchable', async () => {
      const ids = (await this.recommendations('popular', { limit: '50' })).items.map((item) => item.id);
      return { ok: items.every((item) => ids.includes(item.id)), value: ids };
    });
  }

  async recommendations(algorithm, params) {
    const query = new URLSearchParams(params).toString();
    const response = await fetch(`${this.base}/v1/recommendations/${algorithm}?${query}`, { headers: { 'X-Site-Key': SITE_KEY } });
    const body = await response.json();
    assert.equal(response.status, 200, `GET /v1/recommendations/${algorithm}?${query}: ${JSON.stringify(body)}`);
    return body;
  }

  /**
   * The ids the shopper's own views put in recently_viewed: only entries whose source is
   * recently_viewed count (a block asked with a fallback would be padded with others).
   */
  async recentlyViewed(params) {
    const body = await this.recommendations('recently_viewed', { ...params, limit: '20' });
    return body.items.filter((item) => item.source === 'recently_viewed').map((item) => item.id);
  }

  /**
   * How many POST /v1/events requests the server has answered, from its own /metrics. Beacons sent
   * while a page unloads are invisible to page.on('request'), so "nothing was sent" is checked here.
   */
  async eventPosts() {
    const text = await (await fetch(`${this.base}/metrics`)).text();
    let count = 0;
    for (const line of text.split('\n')) {
      const match = /^vitrina_http_request_duration_seconds_count\{method="POST",route="\/v1\/events",[^}]*\} (\d+)$/.exec(line);
      if (match) count += Number(match[1]);
    }
    return count;
  }

  /**
   * eventPosts() once it has stopped moving for a second: a beacon that an earlier test's page sent
   * as it closed may still be in flight, and must not be counted against the next test.
   */
  async settledEventPosts() {
    let last = await this.eventPosts();
    return eventually('the count of event posts to settle', async () => {
      await sleep(1000);
      const now = await this.eventPosts();
      const settled = now === last;
      last = now;
      return { ok: settled, value: now };
    });
  }

  /** A counter of the server's /metrics, by its whole name with labels; 0 before it is counted. */
  async counter(series) {
    const text = await (await fetch(`${this.base}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(series + ' '));
    return line ? Number(line.slice(series.length + 1)) : 0;
  }

  async eventuallyRecentlyViewed(params, expected) {
    return eventually(`recently_viewed for ${JSON.stringify(params)} to list ${expected}`, async () => {
      const ids = await this.recentlyViewed(params);
      return { ok: expected.every((id) => ids.includes(id)), value: ids };
    });
  }
}

// ------------------------------------------------------------------ Chromium

/** The pointer leaving the page through its top edge: a desktop's exit intent. */
export async function leaveThroughTop(page) {
  await page.mouse.move(640, 300);
  await page.mouse.move(640, 5, { steps: 4 });
  await page.mouse.move(640, -20, { steps: 2 });
}

/**
 * Answers the pages' GET /v1/decide in `context` with `body` (the contract's shape), and records
 * each request's query in the returned array. For tests of pop-ups and slots with fixtures, and
 * for a server without the endpoint yet.
 */
export async function stubDecide(context, body) {
  const asked = [];
  await context.route(/\/v1\/decide(\?|$)/, (route) => {
    asked.push(Object.fromEntries(new URL(route.request().url()).searchParams));
    const answer = typeof body === 'function' ? body(asked[asked.length - 1]) : body;
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: JSON.stringify(answer),
    });
  });
  return asked;
}

/** A headless Chromium, or a failure that says how to install it. */
export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing (${CHROMIUM}). The test command installs Debian's Chromium with ` +
        '`apt-get update && apt-get install -y chromium`; install it the same way (as root), or set VITRINA_CHROMIUM.'
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
