/**
 * An item strip: the default template (a horizontal row of cards: image, title, price, old price
 * struck through, all one link) or a store's <template>, and the events it sends: a viewable
 * impression (view_item_list) and a click (select_item), both with the list id and token.
 */
import { el, formatPrice, bindTemplate } from './dom.js';
import { watchViewable } from './viewable.js';
import { idOf } from './util.js';
import { safeUrl } from './url.js';

/** The items worth showing: each needs an id and a title. */
export function usableItems(list) {
  return Array.isArray(list) ? list.filter((item) => item && idOf(item.id) !== null && typeof item.title === 'string') : [];
}

function card(doc, item, format) {
  const onSale = typeof item.old_price === 'number' && typeof item.price === 'number' && item.old_price > item.price;
  const prices = el(doc, 'span', { class: 'vitrina-prices' + (onSale ? ' vitrina-sale' : '') });
  if (typeof item.price === 'number') {
    prices.appendChild(el(doc, 'span', { class: 'vitrina-price' }, onSale ? el(doc, 'span', { class: 'vitrina-sr' }, 'Now ') : null, format(item.price)));
  }
  if (onSale) prices.appendChild(el(doc, 's', { class: 'vitrina-old' }, el(doc, 'span', { class: 'vitrina-sr' }, 'Was '), format(item.old_price)));
  const image = safeUrl(item.image)
    ? el(doc, 'img', { class: 'vitrina-img', src: item.image, alt: '', loading: 'lazy', decoding: 'async', width: 200, height: 200 })
    : el(doc, 'span', { class: 'vitrina-img', 'aria-hidden': 'true' });
  const link = el(doc, safeUrl(item.url) ? 'a' : 'span', { class: 'vitrina-link', href: item.url }, image, el(doc, 'span', { class: 'vitrina-name' }, item.title), prices);
  return el(doc, 'li', { class: 'vitrina-card', 'data-vitrina-item': item.id }, link);
}

/**
 * The strip's markup for `items`: with `template` (a store's <template>), a copy of its content
 * per item, bound by bindTemplate; else the default cards under an optional heading.
 */
export function renderStrip(doc, items, opts) {
  const format = (value) => formatPrice(value, opts.currency, opts.locale);
  if (opts.template) {
    const out = doc.createDocumentFragment();
    for (const item of items) {
      const copy = doc.importNode(opts.template.content, true);
      for (const node of Array.prototype.slice.call(copy.children || copy.childNodes)) {
        if (node.nodeType !== 1) continue;
        node.setAttribute('data-vitrina-item', item.id);
        bindTemplate(node, item, format);
      }
      out.appendChild(copy);
    }
    return out;
  }
  const list = el(doc, 'ul', { class: 'vitrina-strip', role: 'list' });
  for (const item of items) list.appendChild(card(doc, item, format));
  if (!opts.heading && !opts.section) return list;
  const headingId = opts.heading ? 'vitrina-h-' + Math.random().toString(36).slice(2, 10) : null;
  return el(
    doc,
    'section',
    { class: 'vitrina-block', 'aria-labelledby': headingId },
    opts.heading ? el(doc, 'h2', { class: 'vitrina-heading', id: headingId }, opts.heading) : null,
    list
  );
}

/**
 * The strip's events. `viewTarget` is watched for a viewable impression (or, `immediate`, counted
 * as seen now: a pop-up in front of everything); clicks inside `clickTarget` on an item send
 * select_item and are flushed at once, before the browser leaves the page.
 * Returns a function that stops watching.
 */
export function watchStrip(ctx, targets, listId, token, items) {
  const itemIds = items.map((item) => ({ item_id: String(item.id) }));
  const view = () => ctx.track('view_item_list', { item_list_id: listId, attribution_token: token || undefined, items: itemIds });
  let stop = () => {};
  if (targets.immediate) view();
  else stop = watchViewable(ctx.root, targets.view, view);
  const onClick = (event) => {
    const target = event.target && event.target.closest ? event.target.closest('[data-vitrina-item]') : null;
    if (!target || !targets.click.contains(target)) return;
    const id = target.getAttribute('data-vitrina-item');
    if (ctx.track('select_item', { item_list_id: listId, attribution_token: token || undefined, items: [{ item_id: id }] })) ctx.flush();
  };
  targets.click.addEventListener('click', onClick, true);
  return () => {
    stop();
    targets.click.removeEventListener('click', onClick, true);
  };
}
