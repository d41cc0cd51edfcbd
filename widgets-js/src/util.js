/** What every module shares: warnings that never throw, and the tracker's id rules. */

export function warn() {
  try {
    const c = typeof console !== 'undefined' ? console : null;
    if (c && typeof c.warn === 'function') c.warn.apply(c, ['[vitrina]'].concat(Array.prototype.slice.call(arguments)));
  } catch (e) {
    // a console that throws is not our problem
  }
}

/** Wraps a function so that nothing it does can throw into the host page. */
export function safe(name, fn, fallback) {
  return function () {
    try {
      return fn.apply(null, arguments);
    } catch (e) {
      warn(name + ' failed:', e);
      return fallback;
    }
  };
}

export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An id as the server reads it: a non-empty string of at most 200 characters, or an integer. */
export function idOf(value) {
  if (typeof value === 'number' && isFinite(value) && Math.floor(value) === value) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 200 ? trimmed : null;
}
