/**
 * Pop-ups from the decision's campaigns: the page's triggers are watched, the first campaign a
 * signal fires is shown (at most one per page view), in an accessible modal dialog in a shadow
 * root. Shown: view_promotion; call to action: select_promotion click; closed: select_promotion close.
 */
import { el } from './dom.js';
import { POPUP_CSS } from './styles.js';
import { renderStrip, usableItems, watchStrip } from './strip.js';
import { createGate, createScrollUp, leavesThroughTop, scrollPercent } from './triggers.js';

const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select,textarea,[tabindex]:not([tabindex="-1"])';

export function createPopups(ctx) {
  const page = { shown: null }; // one pop-up per page view, across refreshes
  const loadedAt = Date.now();
  let gate = null;
  let unlisten = [];
  let lastActivity = Date.now();

  function listen(target, type, fn, opts) {
    target.addEventListener(type, fn, opts || { passive: true });
    unlisten.push(() => target.removeEventListener(type, fn, opts || { passive: true }));
  }

  function disarm() {
    for (const off of unlisten) off();
    unlisten = [];
    gate = null;
  }

  function fire(signal) {
    if (!gate) return;
    const campaign = gate.signal(signal);
    if (!campaign) return;
    disarm();
    show(campaign);
  }

  /** Watches the page for the triggers the campaigns use. */
  function arm(campaigns, visit) {
    disarm();
    if (page.shown) return;
    gate = createGate(campaigns, page);
    const types = gate.types();
    if (types.length === 0) return;
    const { root, doc } = ctx;
    const touch = ctx.device() !== 'desktop';

    if (types.indexOf('returning_with_cart') !== -1) fire({ type: 'returning_with_cart' });
    if (types.indexOf('page_views') !== -1) fire({ type: 'page_views', count: visit.pageViews });
    if (!gate) return;

    const activity = () => (lastActivity = Date.now());
    for (const type of ['mousemove', 'keydown', 'scroll', 'touchstart', 'pointerdown']) listen(root, type, activity);
    const timer = root.setInterval(() => {
      const now = Date.now();
      fire({ type: 'time_on_page', seconds: (now - loadedAt) / 1000 });
      fire({ type: 'idle', seconds: (now - lastActivity) / 1000 });
    }, 500);
    unlisten.push(() => root.clearInterval(timer));

    const scrollUp = createScrollUp();
    listen(root, 'scroll', () => {
      const de = doc.documentElement;
      fire({ type: 'scroll_depth', percent: scrollPercent(root.scrollY || de.scrollTop, root.innerHeight, de.scrollHeight) });
      if (touch && scrollUp(root.scrollY || de.scrollTop, Date.now())) fire({ type: 'exit_intent' });
    });
    listen(doc, 'mouseout', (event) => {
      if (!touch && leavesThroughTop(event)) fire({ type: 'exit_intent' });
    });
    let wasHidden = false;
    listen(doc, 'visibilitychange', () => {
      if (doc.visibilityState === 'hidden') wasHidden = true;
      else if (wasHidden && touch) fire({ type: 'exit_intent' });
    });
  }

  function show(campaign) {
    ctx.track('view_promotion', { item_list_id: campaign.id, attribution_token: campaign.token || undefined });
    if (campaign.holdout || !campaign.content) return; // the holdout's show is counted, nothing shown
    openDialog(ctx, campaign);
  }

  return {
    arm,
    disarm,
    addToCart: () => fire({ type: 'add_to_cart' }),
    shown: () => page.shown,
  };
}

/** The dialog itself; returns its host element (the shadow root's). */
export function openDialog(ctx, campaign) {
  const { doc, root } = ctx;
  const content = campaign.content;
  const host = el(doc, 'div', { 'data-vitrina-popup': campaign.id });
  const shadow = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  const style = doc.createElement('style');
  style.textContent = POPUP_CSS;

  const titleId = 'vitrina-popup-title';
  const title = typeof content.title === 'string' && content.title ? content.title : null;
  const close = el(doc, 'button', { type: 'button', class: 'vitrina-close', 'aria-label': 'Close' }, '\u00d7');
  const items = usableItems(content.items).slice(0, 12);
  const cta = content.cta && typeof content.cta.label === 'string' && content.cta.label ? content.cta : null;
  const ctaLink = cta ? el(doc, 'a', { class: 'vitrina-button vitrina-cta', href: cta.url }, cta.label) : null;
  const strip = items.length ? renderStrip(doc, items, { currency: ctx.options.currency, locale: ctx.options.locale }) : null;
  const dialog = el(
    doc,
    'div',
    { class: 'vitrina-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': title ? titleId : null, 'aria-label': title ? null : 'Offer', tabindex: '-1' },
    close,
    content.image ? el(doc, 'img', { class: 'vitrina-dialog-image', src: content.image, alt: '' }) : null,
    title ? el(doc, 'h2', { class: 'vitrina-dialog-title', id: titleId }, title) : null,
    typeof content.text === 'string' && content.text ? el(doc, 'p', { class: 'vitrina-dialog-text' }, content.text) : null,
    strip,
    ctaLink
  );
  const backdrop = el(doc, 'div', { class: 'vitrina-backdrop' }, dialog);
  shadow.appendChild(style);
  shadow.appendChild(backdrop);

  const opener = doc.activeElement && doc.activeElement !== doc.body ? doc.activeElement : null;
  const overflow = doc.documentElement.style.overflow;
  let stopStrip = () => {};
  let open = true;

  const focusables = () => Array.prototype.slice.call(dialog.querySelectorAll(FOCUSABLE));
  const active = () => (shadow.activeElement !== undefined ? shadow.activeElement : doc.activeElement);

  function dismiss(how) {
    if (!open) return;
    open = false;
    stopStrip();
    doc.removeEventListener('focusin', keepFocus, true);
    host.remove();
    doc.documentElement.style.overflow = overflow;
    if (how === 'close') ctx.track('select_promotion', { item_list_id: campaign.id, attribution_token: campaign.token || undefined, promotion_action: 'close' });
    if (opener && typeof opener.focus === 'function' && opener.isConnected) opener.focus();
  }

  function onKey(event) {
    if (event.key === 'Escape' || event.key === 'Esc') {
      event.preventDefault();
      dismiss('close');
    } else if (event.key === 'Tab') {
      const list = focusables();
      if (list.length === 0) {
        event.preventDefault();
        return;
      }
      const first = list[0];
      const last = list[list.length - 1];
      const now = active();
      if (event.shiftKey && (now === first || now === dialog)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && now === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  /** Focus that lands outside (a click on the page behind, a screen reader's jump) is brought back. */
  function keepFocus(event) {
    if (open && event.target !== host && !host.contains(event.target)) (focusables()[0] || dialog).focus();
  }

  dialog.addEventListener('keydown', onKey);
  close.addEventListener('click', () => dismiss('close'));
  backdrop.addEventListener('click', (event) => {
    if (event.target === backdrop) dismiss('close');
  });
  if (ctaLink) {
    ctaLink.addEventListener('click', () => {
      if (ctx.track('select_promotion', { item_list_id: campaign.id, attribution_token: campaign.token || undefined, promotion_action: 'click' })) ctx.flush();
      dismiss('cta');
    });
  }

  doc.body.appendChild(host);
  doc.documentElement.style.overflow = 'hidden';
  doc.addEventListener('focusin', keepFocus, true);
  if (strip) stopStrip = watchStrip(ctx, { immediate: true, click: dialog }, campaign.id, campaign.token, items);
  (ctaLink || close).focus();
  return host;
}
