/**
 * <div data-vitrina-slot="NAME">fallback markup</div>: filled from the decision's slots (banner,
 * text or items). A holdout slot, or one the decision does not name, keeps its fallback markup.
 * Viewable (half on screen for a second): view_promotion; a click on its call to action:
 * select_promotion click; its items as a strip (view_item_list, select_item).
 */
import { el } from './dom.js';
import { renderStrip, usableItems, watchStrip } from './strip.js';
import { watchViewable } from './viewable.js';

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The slot's markup for its content: null when there is nothing to show. */
export function renderSlot(doc, content, opts) {
  if (!content || typeof content !== 'object') return null;
  const type = content.type === 'text' || content.type === 'items' ? content.type : 'banner';
  const text = (value) => (typeof value === 'string' && value ? value : null);
  const title = text(content.title);
  const cta = content.cta && text(content.cta.label) ? el(doc, 'a', { class: 'vitrina-button vitrina-cta', href: content.cta.url }, content.cta.label) : null;
  if (type === 'items') {
    const items = usableItems(content.items);
    if (items.length === 0) return null;
    return { node: renderStrip(doc, items, { heading: title, section: true, currency: opts.currency, locale: opts.locale }), items, cta: null };
  }
  const image = type === 'banner' && content.image ? el(doc, 'img', { class: 'vitrina-banner-image', src: content.image, alt: '' }) : null;
  const body = el(
    doc,
    'div',
    { class: 'vitrina-banner-body' },
    title ? el(doc, 'h2', { class: 'vitrina-banner-title' }, title) : null,
    text(content.text) ? el(doc, 'p', { class: 'vitrina-banner-text' }, content.text) : null,
    cta
  );
  if (!title && !text(content.text) && !image) return null;
  const node = el(doc, 'div', { class: 'vitrina-banner vitrina-slot-' + type + (image && image.hasAttribute('src') ? ' vitrina-with-image' : '') }, image, body);
  return { node, items: [], cta };
}

export function createSlots(ctx) {
  const states = new Map(); // element -> {fallback, stop}

  function scan(scope) {
    const found = [];
    if (scope.nodeType === 1 && scope.hasAttribute('data-vitrina-slot')) found.push(scope);
    if (scope.querySelectorAll) found.push(...scope.querySelectorAll('[data-vitrina-slot]'));
    const added = [];
    for (const element of found) {
      if (states.has(element)) continue;
      states.set(element, { fallback: Array.prototype.slice.call(element.childNodes), stop() {} });
      added.push(element);
    }
    return added;
  }

  /** The slot names on the page, for the decision request. */
  function names() {
    const out = [];
    for (const element of states.keys()) {
      const name = element.getAttribute('data-vitrina-slot');
      if (element.isConnected && NAME.test(name || '') && out.indexOf(name) === -1) out.push(name);
    }
    return out;
  }

  function fill(element, entry) {
    const state = states.get(element);
    const name = element.getAttribute('data-vitrina-slot');
    state.stop();
    state.stop = () => {};
    const rendered = entry && !entry.holdout ? renderSlot(ctx.doc, entry.content, ctx.options) : null;
    if (!rendered) {
      element.replaceChildren(...state.fallback);
      element.setAttribute('data-vitrina-state', entry && entry.holdout ? 'holdout' : 'fallback');
      // The holdout's view is reported all the same, so the report compares like with like.
      if (entry && entry.holdout) state.stop = watchViewable(ctx.root, element, () => view(name, entry));
      return;
    }
    element.replaceChildren(rendered.node);
    element.setAttribute('data-vitrina-state', 'filled');
    const stops = [watchViewable(ctx.root, element, () => view(name, entry))];
    if (rendered.items.length) stops.push(watchStrip(ctx, { view: element, click: element }, name, entry.token, rendered.items));
    if (rendered.cta) {
      const onClick = () => {
        if (ctx.track('select_promotion', { item_list_id: name, attribution_token: entry.token || undefined, promotion_action: 'click' })) ctx.flush();
      };
      rendered.cta.addEventListener('click', onClick);
    }
    state.stop = () => stops.forEach((stop) => stop());
  }

  function view(name, entry) {
    ctx.track('view_promotion', { item_list_id: name, attribution_token: entry.token || undefined });
  }

  /**
   * Fills the slots (`elements`, or every one) from the decision's `slots`; null (no decision):
   * the fallbacks stay.
   */
  function apply(slots, elements) {
    for (const element of elements || Array.from(states.keys())) {
      if (!element.isConnected) {
        states.get(element).stop();
        states.delete(element);
        continue;
      }
      const entry = slots ? slots[element.getAttribute('data-vitrina-slot')] : null;
      if (entry || element.getAttribute('data-vitrina-state')) fill(element, entry || null);
    }
  }

  return { scan, names, apply };
}
