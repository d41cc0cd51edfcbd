/**
 * Which pop-up a page signal fires: pure logic, no DOM. A signal is what the page saw
 * ({type: 'time_on_page', seconds: 31}, {type: 'scroll_depth', percent: 64}, {type: 'exit_intent'}…);
 * a campaign fires on the first signal that meets any of its triggers.
 */
export const TRIGGER_TYPES = ['exit_intent', 'time_on_page', 'scroll_depth', 'idle', 'page_views', 'add_to_cart', 'returning_with_cart'];

const num = (value, fallback) => (typeof value === 'number' && isFinite(value) ? value : fallback);

export function meets(trigger, signal) {
  if (!trigger || !signal || trigger.type !== signal.type) return false;
  switch (trigger.type) {
    case 'time_on_page':
    case 'idle':
      return num(signal.seconds, 0) >= num(trigger.seconds, 0);
    case 'scroll_depth':
      return num(signal.percent, 0) >= num(trigger.percent, 0);
    case 'page_views':
      return num(signal.count, 0) >= num(trigger.count, 1);
    default:
      return TRIGGER_TYPES.indexOf(trigger.type) !== -1;
  }
}

/** The campaigns highest priority first (the server sends them so; kept stable when equal). */
export function byPriority(campaigns) {
  return (Array.isArray(campaigns) ? campaigns : [])
    .filter((c) => c && typeof c.id === 'string' && Array.isArray(c.triggers))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => num(b.c.priority, 0) - num(a.c.priority, 0) || a.i - b.i)
    .map((x) => x.c);
}

/**
 * At most one pop-up per page view: `signal` answers the campaign a signal fires, once; after
 * that (or after `close()`), nothing. `page.shown` is shared by every gate of one page view, so a
 * refresh that brings new campaigns cannot show a second pop-up.
 */
export function createGate(campaigns, page) {
  const ordered = byPriority(campaigns);
  return {
    types() {
      const out = [];
      for (const c of ordered) for (const t of c.triggers) if (t && out.indexOf(t.type) === -1) out.push(t.type);
      return out;
    },
    signal(signal) {
      if (page.shown) return null;
      for (const campaign of ordered) {
        if (campaign.triggers.some((t) => meets(t, signal))) {
          page.shown = campaign.id;
          return campaign;
        }
      }
      return null;
    },
  };
}

/** How far down the page the shopper has seen, in percent (100 for a page that fits). */
export function scrollPercent(scrollY, viewportHeight, pageHeight) {
  if (!(pageHeight > viewportHeight)) return 100;
  return Math.min(100, Math.round(((scrollY + viewportHeight) / pageHeight) * 100));
}

/**
 * A fast scroll up, as a phone's exit intent (reaching for the address bar): the page moved up
 * by at least `distance` px within `within` ms, from at least `distance` px down.
 */
export function createScrollUp(distance = 250, within = 500) {
  const seen = [];
  return function feed(y, t) {
    seen.push({ y, t });
    while (seen.length && t - seen[0].t > within) seen.shift();
    let highest = y;
    for (const s of seen) highest = Math.max(highest, s.y);
    return highest >= distance && highest - y >= distance;
  };
}

/** Pointer leaving through the top edge of the viewport (desktop exit intent). */
export function leavesThroughTop(event) {
  return !!event && !event.relatedTarget && typeof event.clientY === 'number' && event.clientY <= 0;
}
