/**
 * Building markup safely: every text goes in by textContent, every URL through safeUrl; nothing
 * from the catalog or a campaign is ever parsed as HTML.
 */
import { safeUrl } from './url.js';

/** el(doc, 'a', {class: 'x', href: url}, child, 'text', …): attributes set one by one, texts as text nodes. */
export function el(doc, tag, attrs, ...children) {
  const node = doc.createElement(tag);
  if (attrs) {
    for (const name of Object.keys(attrs)) {
      const value = attrs[name];
      if (value === null || value === undefined || value === false) continue;
      if (name === 'href' || name === 'src') {
        const url = safeUrl(value);
        if (url !== null) node.setAttribute(name, url);
      } else node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === 'object' ? child : doc.createTextNode(String(child)));
  }
  return node;
}

/** A price as the shop shows it: with its currency when one is set, else two decimals. */
export function formatPrice(value, currency, locale) {
  if (typeof value !== 'number' || !isFinite(value)) return '';
  try {
    if (currency) return new Intl.NumberFormat(locale || undefined, { style: 'currency', currency }).format(value);
    return new Intl.NumberFormat(locale || undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  } catch (e) {
    return value.toFixed(2);
  }
}

/** The value a store template binds to a field name: formatted prices, plain strings, else ''. */
export function fieldText(item, field, format) {
  const value = item ? item[field] : undefined;
  if ((field === 'price' || field === 'old_price') && typeof value === 'number') return format(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && isFinite(value)) return String(value);
  return '';
}

/**
 * Fills a copy of a store's <template>: [data-field] gets the field as text, [data-href] and
 * [data-src] the field as a checked URL (removed when it is not one). The bindings can only set
 * text and checked URLs, so an item cannot add markup or script whatever its texts are.
 * An element whose field is empty gets `data-vitrina-empty` (old_price of an item not on sale),
 * so a store's CSS can hide it.
 */
export function bindTemplate(root, item, format) {
  const bound = (selector) => {
    const list = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) list.unshift(root);
    return list;
  };
  for (const node of bound('[data-field]')) {
    const text = fieldText(item, node.getAttribute('data-field'), format);
    node.textContent = text;
    if (text === '') node.setAttribute('data-vitrina-empty', '');
  }
  for (const [attribute, target] of [['data-href', 'href'], ['data-src', 'src']]) {
    for (const node of bound('[' + attribute + ']')) {
      const url = safeUrl(item ? item[node.getAttribute(attribute)] : null);
      if (url === null) node.removeAttribute(target);
      else node.setAttribute(target, url);
    }
  }
  return root;
}
