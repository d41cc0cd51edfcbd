// The experiments dashboard: sign in with the admin key, list the experiments, show one's report.
// Everything shown comes from the admin API (/v1/admin/experiments…) as it is; this file only
// lays it out. The key lives in sessionStorage (this tab, until it closes or signs out) and goes
// to the API in the X-Admin-Key header, never in an address.
import { h } from './dom.js';
import * as f from './format.js';
import { liftPlot } from './plot.js';

const KEY = 'vitrina.admin-key';
const GLOBAL_HOLDOUT = 'global-holdout';
const app = document.getElementById('app');
const account = document.getElementById('account');

// ------------------------------------------------------------------ the API

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** GET of an admin endpoint with the key; its JSON, or an ApiError with the API's message. */
async function api(path, key = sessionStorage.getItem(KEY)) {
  let response;
  try {
    response = await fetch(path, {
      headers: { 'X-Admin-Key': key, Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'unreachable', 'The server did not answer. Check that it is running and that this computer can reach it.');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status says enough
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || `http_${response.status}`, (body && body.message) || `the server answered ${response.status}`);
  }
  return body;
}

const experimentPath = (id) => `/v1/admin/experiments/${encodeURIComponent(id)}`;

// ------------------------------------------------------------------ routes

/** '#/' is the list; '#/experiments/<id>?method=fixed&phase=2' a report. */
function route() {
  const hash = location.hash.replace(/^#/, '');
  const [path, query = ''] = hash.split('?');
  const match = /^\/experiments\/(.+)$/.exec(path);
  const params = new URLSearchParams(query);
  if (!match) return { experiment: null };
  let id;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    id = match[1];
  }
  return { experiment: id, method: params.get('method'), phase: params.get('phase'), cap: params.get('cap') };
}

/** A report's address: its options are the API's parameters (method, phase, cap). */
function reportHash(id, { method, phase, cap } = {}) {
  const params = new URLSearchParams();
  if (method) params.set('method', method);
  if (phase) params.set('phase', String(phase));
  if (cap) params.set('cap', String(cap));
  const query = params.toString();
  return `#/experiments/${encodeURIComponent(id)}${query ? `?${query}` : ''}`;
}

let rendering = 0;

async function render() {
  if (!sessionStorage.getItem(KEY)) {
    showSignIn();
    return;
  }
  account.hidden = false;
  const ticket = ++rendering;
  const where = route();
  app.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    const view = where.experiment ? await reportView(where) : await listView();
    if (ticket === rendering) {
      app.replaceChildren(view);
      for (const draw of app.querySelectorAll('[data-draw]')) draw.dispatchEvent(new Event('draw'));
    }
  } catch (error) {
    if (ticket !== rendering) return;
    if (error.status === 401 || error.status === 403) {
      signOut('The admin key no longer opens this server (it may have been changed). Sign in again.');
      return;
    }
    app.replaceChildren(failure(error));
  }
}

function failure(error) {
  const title = error.status === 404 ? 'Not found' : 'Something went wrong';
  return h('section', { class: 'card failure' },
    h('h1', {}, title),
    h('p', { class: 'failure-message' }, error.message || String(error)),
    h('p', {}, h('a', { href: '#/' }, '← All experiments')));
}

// ------------------------------------------------------------------ sign-in

function showSignIn(message) {
  account.hidden = true;
  rendering++;
  const input = h('input', {
    id: 'admin-key', type: 'password', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off', required: true,
    'aria-describedby': 'sign-in-help',
  });
  const alert = h('p', { class: 'form-error', role: 'alert', id: 'sign-in-error' });
  if (message) alert.textContent = message;
  alert.hidden = !message;
  const button = h('button', { type: 'submit', class: 'button primary' }, 'Sign in');
  // POST and no name on the input: even without this script, the key is never sent in an address.
  const form = h('form', { class: 'sign-in-form', method: 'post', action: '#', novalidate: true },
    h('label', { for: 'admin-key' }, 'Admin key'),
    input,
    alert,
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      showAlert(alert, 'Enter the admin key.');
      return;
    }
    button.disabled = true;
    button.textContent = 'Checking…';
    try {
      await api('/v1/admin/experiments', key);
      sessionStorage.setItem(KEY, key);
      input.value = '';
      render();
    } catch (error) {
      input.select();
      showAlert(alert, signInProblem(error));
    } finally {
      button.disabled = false;
      button.textContent = 'Sign in';
    }
  });
  app.replaceChildren(h('section', { class: 'card sign-in' },
    h('h1', {}, 'Sign in to the experiments dashboard'),
    h('p', { id: 'sign-in-help', class: 'muted' },
      'Enter the admin key of this Vitrina server: its ', h('code', {}, '--admin-key'), ' setting (',
      h('code', {}, 'VITRINA_ADMIN_KEY'), '), or, when none was set, the file ', h('code', {}, 'admin.key'),
      ' in its data folder.'),
    form,
    h('p', { class: 'note' }, 'The key stays in this browser tab only, and is forgotten when you sign out or close the tab.')));
  input.focus();
}

function showAlert(alert, text) {
  alert.textContent = text;
  alert.hidden = false;
}

function signInProblem(error) {
  if (error.code === 'wrong_admin_key' || error.status === 403 || error.status === 401) {
    return 'That is not the admin key of this server. Check it and try again.';
  }
  if (error.status === 0) return error.message;
  return `Could not sign in: ${error.message}`;
}

function signOut(message) {
  sessionStorage.removeItem(KEY);
  showSignIn(message);
}

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  history.replaceState(null, '', location.pathname);
});

// ------------------------------------------------------------------ shared pieces

const STATUS_WORDS = { running: 'Running', paused: 'Paused', draft: 'Draft', stopped: 'Stopped' };

function statusBadge(status) {
  return h('span', { class: `badge status-${/^[a-z]+$/.test(status) ? status : 'other'}` }, STATUS_WORDS[status] || status);
}

function placementText(placement) {
  if (!placement) return '—';
  if (placement.everywhere) return 'Everywhere (every block)';
  if (placement.block) return `Block ${placement.block}`;
  if (placement.trigger) return `Trigger messages: ${placement.trigger}`;
  if (placement.campaign) return `Pop-up ${placement.campaign}`;
  if (placement.slot) return `Content slot ${placement.slot}`;
  return JSON.stringify(placement);
}

/** Each arm's share of the weights, as the experiment's settings give them. */
function shares(arms) {
  const total = arms.reduce((sum, arm) => sum + (arm.weight || 0), 0);
  return arms.map((arm) => (total > 0 ? (arm.weight || 0) / total : 0));
}

function currentPhase(experiment) {
  const phases = experiment.phases || [];
  return phases.length ? phases[phases.length - 1] : null;
}

/** How an interval sits against zero: above (good, as more is better), below, or across it. */
function side(effect) {
  if (effect.low > 0) return 'above';
  if (effect.high < 0) return 'below';
  return 'across';
}

function verdict(effect, control) {
  const words = { above: `Better than ${control}`, below: `Worse than ${control}`, across: 'No clear difference yet' };
  return h('span', { class: `verdict ${side(effect)}` }, words[side(effect)]);
}

/**
 * An interval drawn on a scale symmetric round zero: a bar from low to high, a dot at the estimate,
 * green when it lies above zero, red below, grey across it.
 */
function intervalBar(effect, scale) {
  const position = (v) => `${Math.max(0, Math.min(100, 50 + (v / scale) * 50))}%`;
  const left = Math.max(0, Math.min(100, 50 + (effect.low / scale) * 50));
  const right = Math.max(0, Math.min(100, 50 + (effect.high / scale) * 50));
  const bar = h('span', { class: `interval-bar ${side(effect)}`, role: 'presentation' },
    h('span', { class: 'zero-line' }),
    h('span', { class: 'range' }),
    h('span', { class: 'dot' }));
  const [, range, dot] = bar.children;
  range.style.left = `${left}%`;
  range.style.width = `${Math.max(0.6, right - left)}%`;
  dot.style.left = position(effect.estimate);
  return bar;
}

/** The half-width of a scale that holds every interval given, round zero. */
function scaleOf(effects) {
  let most = 0;
  for (const e of effects) most = Math.max(most, Math.abs(e.low), Math.abs(e.high), Math.abs(e.estimate));
  return most > 0 ? most * 1.1 : 1;
}

const isEffect = (outcome) => outcome && typeof outcome.estimate === 'number';

function section(title, explanation, ...content) {
  return h('section', { class: 'card' },
    h('h2', {}, title),
    explanation ? h('p', { class: 'muted section-note' }, explanation) : null,
    ...content);
}

// ------------------------------------------------------------------ the list

const ORDER = { running: 0, paused: 1, draft: 2, stopped: 3 };

async function listView() {
  const { experiments } = await api('/v1/admin/experiments');
  const global = experiments.find((e) => e.id === GLOBAL_HOLDOUT);
  const others = experiments
    .filter((e) => e !== global)
    .sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || a.id.localeCompare(b.id));
  const view = h('div', { class: 'list-view' },
    h('div', { class: 'page-title' }, h('h1', {}, 'Experiments'),
      h('p', { class: 'muted' }, 'Each experiment splits shoppers between arms and compares what they buy. Choose one to see its report.')));
  if (global) view.append(await globalHoldoutCard(global));
  view.append(others.length ? experimentsTable(others)
    : h('section', { class: 'card' }, h('p', {}, 'No experiments yet. Create one with POST /v1/admin/experiments (see the README).')));
  return view;
}

/** The global holdout: shoppers shown no personalization anywhere, against everyone else. */
async function globalHoldoutCard(experiment) {
  const card = h('section', { class: 'card global-holdout', id: 'global-holdout' },
    h('h2', {}, 'Global holdout — total incremental revenue of personalization'));
  if (experiment.status === 'draft') {
    card.append(h('p', { class: 'muted' }, 'Not started yet: it has no figures.'));
    return card;
  }
  let report;
  try {
    report = await api(`${experimentPath(experiment.id)}/report`);
  } catch (error) {
    if (error.status === 401 || error.status === 403) throw error;
    card.append(h('p', { class: 'failure-message' }, `Its report could not be read: ${error.message}`));
    return card;
  }
  const control = report.arms.find((arm) => arm.key === report.control);
  const treated = report.arms.filter((arm) => arm.key !== report.control);
  const incremental = treated.reduce((sum, arm) => sum + arm.attribution.incremental, 0);
  const revenue = report.metrics.find((m) => m.metric === 'revenue_per_shopper');
  const figures = h('div', { class: 'headline-figures' },
    h('div', { class: 'figure' },
      h('div', { class: 'figure-label' }, 'Incremental revenue'),
      h('div', { class: `figure-value ${incremental >= 0 ? '' : 'negative'}`, dataset: { figure: 'incremental' } }, f.signedMoney(incremental)),
      h('div', { class: 'figure-note' }, `what shoppers with personalization spent above the ${control ? control.key : 'holdout'}’s rate`)));
  for (const comparison of revenue ? revenue.comparisons : []) {
    const lift = comparison.relative;
    figures.append(h('div', { class: 'figure' },
      h('div', { class: 'figure-label' }, 'Revenue per shopper, relative lift'),
      isEffect(lift)
        ? [h('div', { class: `figure-value ${side(lift)}`, dataset: { figure: 'lift' } }, f.signedPercent(lift.estimate)),
          h('div', { class: 'figure-note', dataset: { figure: 'lift-interval' } }, `95% interval ${f.interval(lift.low, lift.high, f.signedPercent)}`),
          intervalBar(lift, scaleOf([lift])), verdict(lift, report.control)]
        : h('div', { class: 'figure-note' }, f.notComputable(lift.not_computable))));
  }
  const phase = currentPhase(experiment);
  card.append(
    h('div', { class: 'global-meta' }, statusBadge(experiment.status), armChips(experiment),
      phase ? h('span', { class: 'muted' }, `since ${f.dateTime(phase.started)}`) : null),
    figures,
    h('p', { class: 'muted' },
      `${f.count(control ? control.shoppers : 0)} shoppers in the holdout see no personalization anywhere; `
      + `${f.count(treated.reduce((sum, arm) => sum + arm.shoppers, 0))} see it. `,
      h('a', { href: reportHash(experiment.id) }, 'Full report →')));
  return card;
}

function armChips(experiment) {
  const share = shares(experiment.arms);
  return h('ul', { class: 'arm-chips' }, experiment.arms.map((arm, i) =>
    h('li', { class: `arm-chip${arm.holdout ? ' holdout' : ''}` },
      h('span', { class: 'arm-key' }, arm.key),
      h('span', { class: 'arm-share' }, f.percent(share[i], 0)),
      arm.holdout ? h('span', { class: 'tag' }, 'holdout') : null)));
}

function experimentsTable(experiments) {
  const rows = experiments.map((e) => {
    const phase = currentPhase(e);
    const cell = (label, ...content) => h('td', { dataset: { label } }, ...content);
    return h('tr', { dataset: { experiment: e.id } },
      cell('Experiment', h('a', { class: 'experiment-link', href: reportHash(e.id) }, e.id)),
      cell('Status', statusBadge(e.status)),
      cell('Placement', placementText(e.placement)),
      cell('Arms', armChips(e)),
      cell('Traffic', `${f.percent(e.traffic, 0)} of shoppers`),
      cell('Phase', phase ? `${phase.number}, since ${f.dateTime(phase.started)}` : 'not started'),
      cell('Primary metric', f.metric(e.primary_metric).label));
  });
  return h('section', { class: 'card table-card' },
    h('table', { class: 'experiments responsive' },
      h('thead', {}, h('tr', {}, ['Experiment', 'Status', 'Placement', 'Arms', 'Traffic', 'Phase', 'Primary metric'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
}

// ------------------------------------------------------------------ a report

async function reportView(where) {
  const experiment = await api(experimentPath(where.experiment));
  const header = reportHeader(experiment);
  if (experiment.status === 'draft') {
    return h('div', { class: 'report-view' }, header,
      h('section', { class: 'card' }, h('p', {}, 'This experiment is a draft: it has a report once it is started.')));
  }
  const query = new URLSearchParams();
  if (where.method) query.set('method', where.method);
  if (where.phase) query.set('phase', where.phase);
  if (where.cap) query.set('cap', where.cap);
  const report = await api(`${experimentPath(experiment.id)}/report${query.toString() ? `?${query}` : ''}`);
  return h('div', { class: 'report-view' },
    header,
    ratioCheck(report),
    headline(report),
    controls(experiment, report, where),
    armsTable(experiment, report),
    attribution(report),
    metrics(experiment, report),
    liftOverTime(report),
    phases(experiment, report));
}

function reportHeader(experiment) {
  const guardrails = (experiment.guardrails || []).map((m) => f.metric(m).label).join(', ');
  return h('div', { class: 'page-title' },
    h('p', { class: 'back' }, h('a', { href: '#/' }, '← All experiments')),
    h('h1', {}, h('span', { class: 'experiment-id' }, experiment.id), ' ', statusBadge(experiment.status)),
    h('p', { class: 'muted meta' },
      placementText(experiment.placement),
      ` · ${f.percent(experiment.traffic, 0)} of shoppers`,
      ` · primary metric: ${f.metric(experiment.primary_metric).label}`,
      guardrails ? ` · guardrails: ${guardrails}` : ''));
}

/** 0.99 → "99th". */
function ordinal(share) {
  const n = Math.round(share * 1000) / 10;
  const whole = Math.round(n);
  if (n !== whole) return `${n}th`;
  const tens = whole % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[whole % 10] || 'th');
  return `${whole}${suffix}`;
}

const METHODS = {
  sequential: 'Sequential intervals stay valid however often you look at the report, so checking it daily is safe; they are wider early on.',
  fixed: 'Fixed-horizon intervals are narrower, but valid only when read once, at an end decided in advance.',
};

function controls(experiment, report, where) {
  const method = report.method;
  const switcher = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Interval mode' },
    [['sequential', 'Sequential'], ['fixed', 'Fixed horizon']].map(([value, label]) =>
      h('a', {
        class: `segment${method === value ? ' selected' : ''}`,
        href: reportHash(experiment.id, { ...where, method: value === 'sequential' ? null : value }),
        'aria-current': method === value ? 'true' : null,
        dataset: { method: value },
      }, label)));
  const bar = h('section', { class: 'card controls' },
    h('div', { class: 'control' },
      h('span', { class: 'control-label' }, 'Intervals'),
      switcher,
      h('p', { class: 'muted method-note', dataset: { methodInForce: method } }, `In force: ${method === 'fixed' ? 'fixed horizon' : 'sequential'}. ${METHODS[method] || ''}`)));
  const cap = report.revenue_cap;
  bar.append(h('div', { class: 'control' },
    h('span', { class: 'control-label' }, 'Revenue'),
    h('div', { class: 'segmented', role: 'group', 'aria-label': 'Revenue capping' },
      [[null, 'As counted'], ['0.99', 'Capped at the 99th percentile']].map(([value, label]) => {
        const selected = value ? Boolean(cap) : !cap;
        return h('a', {
          class: `segment${selected ? ' selected' : ''}`,
          href: reportHash(experiment.id, { ...where, cap: value }),
          'aria-current': selected ? 'true' : null,
          dataset: { cap: value || 'none' },
        }, label);
      })),
    h('p', { class: 'muted method-note', dataset: { capInForce: cap ? String(cap.percentile) : 'none' } },
      cap
        ? (cap.value === null
          ? 'Capped, but no shopper has bought yet: there is nothing to cap.'
          : `Each shopper’s revenue counts up to ${f.money(cap.value)} (the ${ordinal(cap.percentile)} percentile of the shoppers who bought), so that a few very large orders do not swing the result. The lift over time stays uncapped.`)
        : 'Every shopper’s revenue as counted. Capping it keeps a few very large orders from swinging the result.')));
  const all = experiment.phases || [];
  if (all.length > 1) {
    bar.append(h('div', { class: 'control' },
      h('span', { class: 'control-label' }, 'Phase'),
      h('div', { class: 'segmented', role: 'group', 'aria-label': 'Phase' },
        all.map((p) => h('a', {
          class: `segment${report.phase === p.number ? ' selected' : ''}`,
          href: reportHash(experiment.id, { ...where, phase: p === all[all.length - 1] ? null : p.number }),
        }, `${p.number}${p === all[all.length - 1] ? ' (current)' : ''}`)))));
  }
  return bar;
}

function ratioCheck(report) {
  const check = report.sample_ratio;
  if (!check) return null;
  if (check.mismatch) {
    return h('section', { class: 'card srm-warning', role: 'alert', id: 'srm' },
      h('h2', {}, 'Warning: sample ratio mismatch'),
      h('p', {}, `The arms’ shopper counts do not match the weights they were given (chi-square ${f.decimal(check.chi_square, 1)}, p ${f.pValue(check.p_value)}). `
        + 'Something assigns or counts shoppers unevenly — a redirect, a bot filter, a cache — so the differences below cannot be trusted until the cause is found.'));
  }
  return h('p', { class: 'srm-ok muted', id: 'srm' },
    `Sample ratio check: the arms’ shopper counts fit their weights (p ${f.pValue(check.p_value)}; a mismatch is flagged below 0.001).`);
}

/** The primary metric, arm by arm: the lift and what it earned. */
function headline(report) {
  const primary = report.metrics.find((m) => m.primary);
  if (!primary) return null;
  const label = f.metric(primary.metric).label;
  const items = primary.comparisons.map((c) => {
    const arm = report.arms.find((a) => a.key === c.arm);
    const lift = c.relative;
    return h('div', { class: 'headline-arm', dataset: { arm: c.arm } },
      h('div', { class: 'figure' },
        h('div', { class: 'figure-label' }, `${c.arm} vs ${report.control}: ${label.toLowerCase()}`),
        isEffect(lift)
          ? [h('div', { class: `figure-value ${side(lift)}` }, f.signedPercent(lift.estimate)),
            h('div', { class: 'figure-note', dataset: { figure: 'primary-interval' } }, `95% ${report.method === 'fixed' ? 'fixed-horizon' : 'sequential'} interval ${f.interval(lift.low, lift.high, f.signedPercent)}`),
            verdict(lift, report.control)]
          : h('div', { class: 'figure-note' }, f.notComputable(lift.not_computable))),
      h('div', { class: 'figure' },
        h('div', { class: 'figure-label' }, 'Incremental revenue'),
        h('div', { class: 'figure-value', dataset: { figure: 'incremental' } }, arm ? f.signedMoney(arm.attribution.incremental) : '—'),
        h('div', { class: 'figure-note' }, `above what its shoppers would have spent at the ${report.control}’s rate`)));
  });
  return h('section', { class: 'card headline' }, h('h2', {}, 'Result'), ...items);
}

function armHead(report, arm) {
  return h('th', { scope: 'col', dataset: { arm: arm.key } },
    h('span', { class: 'arm-key' }, arm.key),
    arm.key === report.control ? h('span', { class: 'tag' }, arm.holdout ? 'control, no block' : 'control')
      : arm.holdout ? h('span', { class: 'tag' }, 'holdout') : null);
}

/** What a placement is, in an arm's words: the block, the pop-up, the slot, the message. */
function placementNoun(placement) {
  if (placement && placement.campaign) return 'The pop-up as saved';
  if (placement && placement.slot) return 'The slot as saved';
  if (placement && placement.trigger) return 'The message, sent';
  return 'The block as saved';
}

/** What an arm shows its shoppers: nothing, the placement as saved, or its own configuration. */
function armShows(settings, arm, placement) {
  if (placement && placement.everywhere) return arm.holdout ? 'No personalization anywhere' : 'Personalization, as every block is set';
  if (arm.holdout || (settings && settings.holdout)) return 'Nothing (holdout)';
  if (!settings || !settings.block) return placementNoun(placement);
  const block = settings.block;
  return [h('span', { class: 'shows-algorithm' }, block.algorithm),
    block.description ? h('span', { class: 'shows-description' }, block.description) : null];
}

function armsTable(experiment, report) {
  const measures = [
    ['shoppers', 'Shoppers', 'counted from their first exposure to the block', (a) => f.count(a.shoppers)],
    ['buyers', 'Buyers', 'shoppers who bought since', (a) => f.count(a.buyers)],
    ['orders', 'Orders', '', (a) => f.count(a.orders)],
    ['revenue', 'Revenue', 'net of refunds', (a) => f.money(a.revenue)],
    ['impressions', 'Block seen', 'times the block was on screen', (a) => f.count(a.impressions)],
    ['clicks', 'Clicks', 'in the block', (a) => f.count(a.clicks)],
    ['crossed', 'In two arms', 'customers who, once their devices were joined, had seen another arm too', (a) => f.count(a.crossed)],
  ];
  const metricNames = report.metrics.map((m) => m.metric);
  const rows = measures.map(([key, label, note, value]) => h('tr', {},
    h('th', { scope: 'row' }, label, note ? h('span', { class: 'row-note' }, note) : null),
    report.arms.map((arm) => h('td', { class: 'num', dataset: { arm: arm.key, measure: key } }, value(arm)))));
  for (const name of metricNames) {
    const m = f.metric(name);
    rows.push(h('tr', { class: 'metric-row' },
      h('th', { scope: 'row' }, m.label, h('span', { class: 'row-note' }, m.explain)),
      report.arms.map((arm) => h('td', { class: 'num', dataset: { arm: arm.key, measure: name } }, m.value(arm.values[name])))));
  }
  const share = shares(experiment.arms);
  const weightOf = (key) => {
    const i = experiment.arms.findIndex((a) => a.key === key);
    return i < 0 ? '' : `weight ${f.percent(share[i], 0)}`;
  };
  const settings = (key) => experiment.arms.find((a) => a.key === key);
  rows.unshift(h('tr', { class: 'shows' }, h('th', { scope: 'row' }, 'Shows'),
    report.arms.map((arm) => h('td', { class: 'shows-cell', dataset: { arm: arm.key, measure: 'shows' } }, armShows(settings(arm.key), arm, experiment.placement)))));
  const cap = report.revenue_cap && report.revenue_cap.value !== null
    ? ` Revenue capped at ${f.money(report.revenue_cap.value)} a shopper.` : '';
  return section('Arms', `Phase ${report.phase}, since ${f.dateTime(report.phase_started)}.${cap}`,
    h('div', { class: 'scroll' },
      h('table', { class: 'arms' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), report.arms.map((arm) => armHead(report, arm)))),
        h('tbody', {},
          h('tr', { class: 'weights' }, h('th', { scope: 'row' }, 'Share of traffic'),
            report.arms.map((arm) => h('td', { class: 'num muted' }, weightOf(arm.key)))),
          rows))));
}

function attribution(report) {
  const kinds = [
    ['click_through', 'Click-through, items', 'Purchased items the shopper had clicked or carted from the block within 24 hours.'],
    ['click_through_orders', 'Click-through, whole orders', 'The whole orders that hold such an item.'],
    ['view_through', 'View-through', 'Purchased items the block had shown the shopper within 24 hours.'],
    ['incremental', 'Incremental', `What the arm’s shoppers spent above the ${report.control}’s rate per shopper, times its shoppers: the revenue the arm caused.`],
  ];
  const rows = kinds.map(([key, label, note]) => h('tr', { class: key === 'incremental' ? 'incremental-row' : '' },
    h('th', { scope: 'row' }, label, h('span', { class: 'row-note' }, note)),
    report.arms.map((arm) => h('td', { class: 'num', dataset: { arm: arm.key, attribution: key } },
      key === 'incremental' && arm.key === report.control ? h('span', { class: 'muted' }, 'baseline')
        : key === 'incremental' ? f.signedMoney(arm.attribution[key]) : f.money(arm.attribution[key])))));
  return section('Revenue, three ways',
    'Click-through and view-through count revenue near the block, whether or not it made the sale; incremental compares with the shoppers who were not shown it, and is the honest figure.',
    h('div', { class: 'scroll' },
      h('table', { class: 'arms attribution' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), report.arms.map((arm) => armHead(report, arm)))),
        h('tbody', {}, rows))));
}

/** Why a metric has no effect for this arm, in the API's words made plain. */
function whyNot(comparison) {
  const outcome = isEffect(comparison.relative) ? comparison.absolute : comparison.relative;
  return f.notComputable(outcome && outcome.not_computable);
}

function effectCell(outcome, format, scale, which) {
  if (!isEffect(outcome)) return h('div', { class: 'effect not-computable' }, f.notComputable(outcome && outcome.not_computable));
  return h('div', { class: 'effect', dataset: { effect: which } },
    h('div', { class: 'effect-text' },
      h('span', { class: `effect-value ${side(outcome)}` }, format(outcome.estimate)),
      h('span', { class: 'effect-interval' }, `95% interval ${f.interval(outcome.low, outcome.high, format)}`)),
    intervalBar(outcome, scale),
    h('div', { class: 'effect-p muted' }, `p ${f.pValue(outcome.p_value)}`));
}

function metrics(experiment, report) {
  const guardrails = new Set(experiment.guardrails || []);
  const ordered = [...report.metrics].sort((a, b) => (b.primary - a.primary) || (guardrails.has(b.metric) - guardrails.has(a.metric)));
  const cards = ordered.map((m) => {
    const info = f.metric(m.metric);
    const relativeScale = scaleOf(m.comparisons.map((c) => c.relative).filter(isEffect));
    const absoluteScale = scaleOf(m.comparisons.map((c) => c.absolute).filter(isEffect));
    return h('article', { class: `metric${m.primary ? ' primary' : ''}`, dataset: { metric: m.metric } },
      h('h3', {}, info.label,
        m.primary ? h('span', { class: 'tag primary' }, 'primary') : guardrails.has(m.metric) ? h('span', { class: 'tag' }, 'guardrail') : null),
      h('p', { class: 'muted metric-note' }, info.explain),
      m.comparisons.map((c) => h('div', { class: 'comparison', dataset: { arm: c.arm } },
        h('div', { class: 'comparison-title' }, `${c.arm} vs ${report.control}`,
          isEffect(c.relative) ? verdict(c.relative, report.control) : null),
        !isEffect(c.relative) && !isEffect(c.absolute)
          ? h('p', { class: 'not-computable' }, whyNot(c))
          : h('div', { class: 'effects' },
            h('div', {}, h('div', { class: 'effect-kind' }, 'Relative change'), effectCell(c.relative, f.signedPercent, relativeScale, 'relative')),
            h('div', {}, h('div', { class: 'effect-kind' }, 'Absolute difference'), effectCell(c.absolute, info.difference, absoluteScale, 'absolute'))),
        h('p', { class: 'muted comparison-notes' },
          m.primary && c.adjusted_p_value !== null && c.adjusted_p_value !== undefined
            ? h('span', { dataset: { adjusted: '' } }, `Primary metric’s p adjusted for the ${m.comparisons.length > 1 ? `${m.comparisons.length} arms` : 'one arm'} compared (Holm): ${f.pValue(c.adjusted_p_value)}. `) : null,
          c.variance_reduction > 0
            ? h('span', { dataset: { cuped: '' } }, `CUPED removed ${f.percent(c.variance_reduction, 0)} of the variance, using what these shoppers spent in the 14 days before.`) : null))));
  });
  return section('Metrics, each arm against the control',
    'Each bar is a 95% interval round zero (the line): green when the arm is better beyond doubt, red when it is worse, grey while the data cannot tell.',
    h('div', { class: 'metrics' }, cards));
}

function liftOverTime(report) {
  const primary = report.metrics.find((m) => m.primary);
  const label = primary ? f.metric(primary.metric).label : 'the primary metric';
  const arms = [...new Set(report.history.map((p) => p.arm))];
  if (!arms.length) {
    return section(`Lift over time: ${label}`, null, h('p', { class: 'muted' }, 'No points yet: the lift needs buyers in the control and in an arm.'));
  }
  const plots = arms.map((arm) => {
    const points = report.history.filter((p) => p.arm === arm);
    const holder = h('figure', { class: 'plot', dataset: { arm, draw: '' } },
      h('figcaption', {}, `${arm} vs ${report.control}: cumulative relative lift with its 95% interval (${points.length} point${points.length > 1 ? 's' : ''})`));
    const draw = () => {
      const width = holder.clientWidth;
      if (!width || holder.dataset.width === String(width)) return;
      holder.dataset.width = String(width);
      holder.querySelector('svg')?.remove();
      holder.insertBefore(liftPlot(points, width, `${label}: lift of ${arm} over time`), holder.firstChild);
    };
    holder.addEventListener('draw', draw);
    new ResizeObserver(draw).observe(holder);
    return holder;
  });
  return section(`Lift over time: ${label}`,
    'The relative lift as it stood at each snapshot (every 15 minutes) and now, counting every shopper from the start of the phase. The shaded band is the interval; it narrows as shoppers arrive.',
    plots);
}

function phases(experiment, report) {
  const all = experiment.phases || [];
  if (!all.length) return null;
  return section('Phases', 'A change of weights or traffic starts a new phase; each phase is reported on its own.',
    h('ol', { class: 'phases' }, all.map((p) => h('li', { class: p.number === report.phase ? 'shown' : '' },
      h('strong', {}, `Phase ${p.number}`),
      ` from ${f.dateTime(p.started)}: ${f.percent(p.traffic, 0)} of shoppers, weights `,
      p.weights.map((w) => f.decimal(w, w % 1 ? 2 : 0)).join(' : '),
      p.number === report.phase ? h('span', { class: 'tag' }, 'shown') : null))));
}

// ------------------------------------------------------------------ start

window.addEventListener('hashchange', render);
render();
