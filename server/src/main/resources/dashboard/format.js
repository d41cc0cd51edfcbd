// Numbers as a store manager reads them. Formatting only: every figure is the API's, as it is.

const LOCALE = 'en-US';
const MINUS = '\u2212';
const DASH = '\u2014';
const formats = new Map();

function digits(n) {
  if (!formats.has(n)) {
    formats.set(n, new Intl.NumberFormat(LOCALE, { minimumFractionDigits: n, maximumFractionDigits: n }));
  }
  return formats.get(n);
}

const finite = (value) => typeof value === 'number' && Number.isFinite(value);

/** The value with n decimals and a sign: "+1.5", "−0.2", and "0.0" when it rounds to zero. */
function signed(value, n, suffix = '') {
  const text = digits(n).format(Math.abs(value));
  if (Number(text.replace(/,/g, '')) === 0) return text + suffix;
  return (value < 0 ? MINUS : '+') + text + suffix;
}

function unsigned(value, n, suffix = '') {
  const text = digits(n).format(Math.abs(value));
  return (value < 0 && Number(text.replace(/,/g, '')) !== 0 ? MINUS : '') + text + suffix;
}

/** Money has no currency in the report: large sums in whole units, small ones with cents. */
const moneyDigits = (value) => (Math.abs(value) >= 1000 ? 0 : 2);

/** A whole count: "3,000". */
export const count = (value) => (finite(value) ? unsigned(value, 0) : DASH);

/** An amount of money: "12,345" or "45.20". */
export const money = (value) => (finite(value) ? unsigned(value, moneyDigits(value)) : DASH);

/** A difference of money: "+12,345", "−3.10". */
export const signedMoney = (value) => (finite(value) ? signed(value, moneyDigits(value)) : DASH);

/** A share: 0.083 → "8.3%". */
export const percent = (value, n = 1) => (finite(value) ? unsigned(value * 100, n, '%') : DASH);

/** A relative difference: 0.452 → "+45.2%". */
export const signedPercent = (value, n = 1) => (finite(value) ? signed(value * 100, n, '%') : DASH);

/** A difference of shares, in percentage points: 0.021 → "+2.1 pp". */
export const points = (value, n = 1) => (finite(value) ? signed(value * 100, n, ' pp') : DASH);

export const decimal = (value, n = 2) => (finite(value) ? unsigned(value, n) : DASH);

export const signedDecimal = (value, n = 2) => (finite(value) ? signed(value, n) : DASH);

/** A p-value: "0.034", or "< 0.001" for the small ones. */
export const pValue = (value) => {
  if (!finite(value)) return DASH;
  return value < 0.001 ? '< 0.001' : digits(3).format(value);
};

const dateTimes = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
const times = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const seconds = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const days = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** "12 May 2025, 14:03" in the browser's time zone. */
export const dateTime = (iso) => (iso ? dateTimes.format(new Date(iso)) : DASH);
/** "14:03", or "14:03:27" for a plot that spans minutes only. */
export const time = (date, withSeconds = false) => (withSeconds ? seconds : times).format(date);
export const day = (date) => days.format(date);

/** An interval "from … to …" in one unit. */
export const interval = (low, high, format) => `${format(low)} to ${format(high)}`;

/**
 * What each metric is, how its values and its differences read. Every metric is one where more is
 * better, so an interval wholly above zero is good news.
 */
const METRICS = {
  conversion: {
    label: 'Conversion',
    explain: 'share of shoppers who bought after they were first counted in the experiment',
    value: (v) => percent(v, 2),
    difference: (v) => points(v, 2),
  },
  revenue_per_shopper: {
    label: 'Revenue per shopper',
    explain: 'revenue, net of refunds, divided by every shopper of the arm (buyers or not)',
    value: money,
    difference: signedMoney,
  },
  orders_per_shopper: {
    label: 'Orders per shopper',
    explain: 'orders divided by every shopper of the arm',
    value: (v) => decimal(v, 3),
    difference: (v) => signedDecimal(v, 3),
  },
  average_order_value: {
    label: 'Average order value',
    explain: 'revenue divided by orders',
    value: money,
    difference: signedMoney,
  },
  ctr: {
    label: 'Click-through rate',
    explain: 'clicks in the block divided by the times it was seen on screen',
    value: (v) => percent(v, 2),
    difference: (v) => points(v, 2),
  },
  items_per_order: {
    label: 'Items per order',
    explain: 'items bought divided by orders',
    value: (v) => decimal(v, 2),
    difference: (v) => signedDecimal(v, 2),
  },
};

export function metric(name) {
  return METRICS[name] || { label: name, explain: '', value: (v) => decimal(v, 3), difference: (v) => signedDecimal(v, 3) };
}

/** Why the API could not compute an effect, in words. */
export function notComputable(reason) {
  if (reason === 'too_little_variance') {
    return 'Not computable yet: too few shoppers, or all have the same value (nobody bought, or every order alike), so there is no spread to measure.';
  }
  if (reason === 'zero_baseline') return 'No relative change: the control’s value is zero.';
  if (reason === 'no_denominator') {
    return 'Not compared: an arm has nothing to divide by (a holdout shows no block, so it has no clicks per view).';
  }
  return `Not computable (${reason}).`;
}
