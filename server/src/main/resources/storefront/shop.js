/*
 * The demo store's own script (not Vitrina's): the cart, kept in this browser's localStorage, the
 * header's cart count and sign-in, and the store's events, reported through the public script's
 * queue (window.vitrina.push), so that nothing here waits for that script or breaks without it.
 * Catalog text is always inserted with textContent.
 */
(function () {
  'use strict';
  var CART_KEY = 'vitrina_demo_cart';
  var ORDER_KEY = 'vitrina_demo_order';
  var CUSTOMER_KEY = 'vitrina_demo_customer';
  var CURRENCY = 'USD';
  var money = new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY });

  window.vitrina = window.vitrina || [];

  function track(name, params) {
    window.vitrina.push(['track', name, params || {}]);
  }

  /** Blocks and slots follow the cart: the public script asks again when it can. */
  function refresh() {
    var v = window.vitrina;
    if (v && typeof v.refresh === 'function') v.refresh();
  }

  function read(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key));
      return value === null || value === undefined ? fallback : value;
    } catch (e) {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      // storage full or refused: the cart lasts as long as the page
    }
  }

  function isLine(line) {
    return line && typeof line.id === 'string' && typeof line.price === 'number' && line.qty >= 1;
  }

  function cart() {
    var lines = read(CART_KEY, []);
    return Array.isArray(lines) ? lines.filter(isLine) : [];
  }

  function saveCart(lines) {
    write(CART_KEY, lines);
    showCount();
  }

  function total(lines) {
    var sum = 0;
    for (var i = 0; i < lines.length; i++) sum += lines[i].price * lines[i].qty;
    return Math.round(sum * 100) / 100;
  }

  function eventItems(lines) {
    return lines.map(function (line) {
      return { item_id: line.id, quantity: line.qty, price: line.price };
    });
  }

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /** Root-relative or http(s) only: a stored line never puts another scheme in a page. */
  function safeUrl(url, fallback) {
    return typeof url === 'string' && (/^https?:\/\//i.test(url) || /^\/(?![\/\\])/.test(url)) ? url : fallback;
  }

  // ------------------------------------------------------------------ header

  function showCount() {
    var count = 0;
    cart().forEach(function (line) {
      count += line.qty;
    });
    all('[data-shop-cart-count]').forEach(function (el) {
      el.textContent = String(count);
      el.classList.toggle('zero', count === 0);
    });
    all('[data-shop-cart-total]').forEach(function (el) {
      el.textContent = money.format(total(cart()));
    });
  }

  function account() {
    var button = document.querySelector('[data-shop-sign-in]');
    var form = document.querySelector('[data-shop-sign-in-form]');
    var signedIn = document.querySelector('[data-shop-signed-in]');
    if (!button || !form || !signedIn) return;
    function show() {
      var customer = read(CUSTOMER_KEY, null);
      signedIn.hidden = !customer;
      form.hidden = true;
      button.textContent = customer ? 'Sign out' : 'Sign in';
      signedIn.textContent = customer ? 'Hi, ' + customer : '';
    }
    button.addEventListener('click', function () {
      if (read(CUSTOMER_KEY, null)) {
        write(CUSTOMER_KEY, null);
        show();
        return;
      }
      form.hidden = !form.hidden;
      if (!form.hidden) form.querySelector('input').focus();
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var id = form.querySelector('input').value.trim();
      if (!id) return;
      write(CUSTOMER_KEY, id);
      window.vitrina.push(['identify', id]);
      show();
      refresh();
    });
    var customer = read(CUSTOMER_KEY, null);
    if (customer) window.vitrina.push(['identify', customer]);
    show();
  }

  // ------------------------------------------------------------------ pages

  function itemPage(body) {
    var price = Number(body.getAttribute('data-price'));
    track('view_item', { items: [{ item_id: body.getAttribute('data-item-id'), price: price }], value: price, currency: CURRENCY });
    all('[data-shop-add]').forEach(function (button) {
      button.addEventListener('click', function () {
        var line = {
          id: button.getAttribute('data-item-id'),
          title: button.getAttribute('data-title'),
          price: Number(button.getAttribute('data-price')),
          image: button.getAttribute('data-image'),
          qty: 1
        };
        add(line);
        var added = document.querySelector('[data-shop-added]');
        if (added) added.hidden = false;
      });
    });
  }

  function add(line) {
    var lines = cart();
    var found = lines.filter(function (l) {
      return l.id === line.id;
    })[0];
    if (found) found.qty += 1;
    else lines.push(line);
    saveCart(lines);
    track('add_to_cart', { items: [{ item_id: line.id, quantity: 1, price: line.price }], value: line.price, currency: CURRENCY });
    refresh();
  }

  function change(id, delta) {
    var lines = cart();
    var line = lines.filter(function (l) {
      return l.id === id;
    })[0];
    if (!line) return;
    var removed = delta < 0 ? Math.min(line.qty, -delta) : 0;
    line.qty += delta;
    saveCart(lines.filter(function (l) {
      return l.qty >= 1;
    }));
    if (removed > 0) {
      track('remove_from_cart', { items: [{ item_id: id, quantity: removed, price: line.price }], value: line.price * removed, currency: CURRENCY });
    } else {
      track('add_to_cart', { items: [{ item_id: id, quantity: delta, price: line.price }], value: line.price * delta, currency: CURRENCY });
    }
    refresh();
    cartPage();
  }

  function lineRow(line, editable) {
    var row = element('div', 'cart-line');
    row.setAttribute('data-line', line.id);
    var link = element('a', 'line-picture');
    link.href = '/demo/item/' + encodeURIComponent(line.id);
    var img = element('img');
    img.src = safeUrl(line.image, '/demo/images/' + encodeURIComponent(line.id) + '.svg');
    img.alt = '';
    img.width = 96;
    img.height = 96;
    link.appendChild(img);
    row.appendChild(link);
    var info = element('div', 'line-info');
    var title = element('a', 'line-title', line.title || line.id);
    title.href = link.href;
    info.appendChild(title);
    info.appendChild(element('span', 'line-price', money.format(line.price) + (editable ? ' each' : ' × ' + line.qty)));
    row.appendChild(info);
    if (editable) {
      var qty = element('div', 'qty');
      var less = element('button', 'qty-button', '−');
      less.type = 'button';
      less.setAttribute('aria-label', 'One less');
      less.addEventListener('click', function () {
        change(line.id, -1);
      });
      var more = element('button', 'qty-button', '+');
      more.type = 'button';
      more.setAttribute('aria-label', 'One more');
      more.addEventListener('click', function () {
        change(line.id, 1);
      });
      qty.appendChild(less);
      qty.appendChild(element('span', 'qty-value', String(line.qty)));
      qty.appendChild(more);
      row.appendChild(qty);
      var remove = element('button', 'link remove', 'Remove');
      remove.type = 'button';
      remove.addEventListener('click', function () {
        change(line.id, -line.qty);
      });
      info.appendChild(remove);
    }
    row.appendChild(element('strong', 'line-total', money.format(line.price * line.qty)));
    return row;
  }

  function fill(container, lines, editable, emptyText) {
    if (!container) return;
    container.textContent = '';
    if (lines.length === 0) {
      var empty = element('p', 'empty', emptyText + ' ');
      var link = element('a', null, 'Continue shopping');
      link.href = '/demo/';
      empty.appendChild(link);
      container.appendChild(empty);
      return;
    }
    lines.forEach(function (line) {
      container.appendChild(lineRow(line, editable));
    });
  }

  function cartPage() {
    var lines = cart();
    fill(document.querySelector('[data-shop-cart-lines]'), lines, true, 'Your cart is empty.');
    all('[data-shop-checkout]').forEach(function (el) {
      el.classList.toggle('disabled', lines.length === 0);
      el.setAttribute('aria-disabled', String(lines.length === 0));
    });
  }

  function checkoutPage() {
    var lines = cart();
    fill(document.querySelector('[data-shop-order-lines]'), lines, false, 'Your cart is empty.');
    if (lines.length > 0) track('begin_checkout', { items: eventItems(lines), value: total(lines), currency: CURRENCY });
    var form = document.querySelector('[data-shop-checkout-form]');
    if (!form) return;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var now = cart();
      if (now.length === 0) {
        window.location.href = '/demo/cart';
        return;
      }
      var id = 'order-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 6);
      write(ORDER_KEY, { id: id, lines: now, total: total(now), reported: false });
      saveCart([]);
      window.location.href = '/demo/thanks?order=' + encodeURIComponent(id);
    });
  }

  /** The order is reported once, from its thank-you page, as stores report purchases. */
  function thanksPage(body) {
    var order = read(ORDER_KEY, null);
    if (!order || order.id !== body.getAttribute('data-order-id') || !Array.isArray(order.lines)) return;
    var lines = order.lines.filter(isLine);
    var container = document.querySelector('[data-shop-placed-order]');
    fill(container, lines, false, 'Your order is empty.');
    if (container && lines.length > 0) {
      var sum = element('p', 'total-line');
      sum.appendChild(element('span', null, 'Total paid'));
      sum.appendChild(element('strong', null, money.format(total(lines))));
      container.appendChild(sum);
    }
    if (!order.reported) {
      track('purchase', { transaction_id: order.id, items: eventItems(lines), value: total(lines), currency: CURRENCY });
      order.reported = true;
      write(ORDER_KEY, order);
      refresh();
    }
  }

  function listPage(body, listId) {
    var ids = (body.getAttribute('data-list') || '').split(',').filter(Boolean);
    if (ids.length > 0) {
      track('view_item_list', {
        item_list_id: listId,
        items: ids.map(function (id) {
          return { item_id: id };
        })
      });
    }
  }

  function start() {
    var body = document.body;
    var page = body.getAttribute('data-page');
    account();
    showCount();
    if (page === 'item') itemPage(body);
    else if (page === 'category') listPage(body, 'category');
    else if (page === 'search') {
      var q = body.getAttribute('data-query');
      if (q) track('search', { search_term: q });
      listPage(body, 'search');
    } else if (page === 'cart') {
      cartPage();
      var lines = cart();
      if (lines.length > 0) track('view_cart', { items: eventItems(lines), value: total(lines), currency: CURRENCY });
    } else if (page === 'checkout') checkoutPage();
    else if (page === 'thanks') thanksPage(body);
    // Another tab changed the cart.
    window.addEventListener('storage', function (e) {
      if (e.key !== CART_KEY) return;
      showCount();
      if (page === 'cart') cartPage();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
