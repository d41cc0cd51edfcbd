// The cumulative lift over time: one arm's relative lift at each snapshot and now, with its
// interval, as an inline SVG. The points are the API's; the plot only places them.
import { svg } from './dom.js';
import { dateTime, day, signedPercent, time } from './format.js';

const HEIGHT = 240;
const MARGIN = { top: 14, right: 16, bottom: 40, left: 58 };

/**
 * Round numbers for the axis: steps of 1, 2, 2.5 or 5 times a power of ten, no larger than a
 * sixth of the range, so that there are 3 to 7 of them.
 */
function ticks(low, high) {
  const step0 = (high - low) / 6;
  const power = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= step0) || step0;
  const out = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function timeTicks(from, to, count) {
  if (to <= from) return [from];
  const out = [];
  for (let i = 0; i <= count; i++) out.push(from + ((to - from) * i) / count);
  return out;
}

/**
 * @param points [{at, estimate, low, high}] of one arm, in time order
 * @param width the width to draw at, in CSS pixels
 * @param label what the plot shows, for screen readers
 */
export function liftPlot(points, width, label) {
  const w = Math.max(280, Math.floor(width));
  const inner = { width: w - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom };
  const at = points.map((p) => Date.parse(p.at));
  let first = Math.min(...at);
  let last = Math.max(...at);
  if (last === first) {
    // One moment only: a window round it, so the point sits in the middle.
    first -= 30 * 60_000;
    last += 30 * 60_000;
  } else {
    // A margin, so that the first and the last point are not on the frame.
    const margin = (last - first) * 0.04;
    first -= margin;
    last += margin;
  }
  let low = Math.min(0, ...points.map((p) => p.low));
  let high = Math.max(0, ...points.map((p) => p.high));
  const pad = (high - low) * 0.08 || 0.05;
  low -= pad;
  high += pad;
  const x = (t) => MARGIN.left + ((t - first) / (last - first)) * inner.width;
  const y = (v) => MARGIN.top + (1 - (v - low) / (high - low)) * inner.height;

  const plot = svg('svg', {
    class: 'lift-plot', width: w, height: HEIGHT, viewBox: `0 0 ${w} ${HEIGHT}`, role: 'img', 'aria-label': label,
  });
  plot.append(svg('title', {}, label));

  const yTicks = ticks(low, high);
  const step = yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1;
  const tickDigits = Math.abs(Math.round(step * 100) - step * 100) > 1e-9 ? 1 : 0;
  for (const v of yTicks) {
    plot.append(
      svg('line', { class: 'grid', x1: MARGIN.left, x2: w - MARGIN.right, y1: y(v), y2: y(v) }),
      svg('text', { class: 'tick y', x: MARGIN.left - 8, y: y(v), 'dominant-baseline': 'middle', 'text-anchor': 'end' }, signedPercent(v, tickDigits)),
    );
  }
  const spanDays = (last - first) / 86_400_000;
  const tickCount = Math.max(1, Math.min(5, Math.floor(inner.width / 110)));
  const all = timeTicks(first, last, tickCount);
  let previous = null;
  all.forEach((t, i) => {
    const date = new Date(t);
    const text = spanDays > 2 ? day(date) : time(date, last - first < 10 * 60_000);
    if (text === previous) return; // a span of seconds: one label per second
    previous = text;
    const anchor = i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle';
    plot.append(
      svg('line', { class: 'tick-mark', x1: x(t), x2: x(t), y1: MARGIN.top + inner.height, y2: MARGIN.top + inner.height + 5 }),
      svg('text', { class: 'tick x', x: x(t), y: MARGIN.top + inner.height + 18, 'text-anchor': anchor }, text),
    );
  });
  plot.append(
    svg('text', { class: 'axis-label', x: 12, y: MARGIN.top + inner.height / 2, transform: `rotate(-90 12 ${MARGIN.top + inner.height / 2})`, 'text-anchor': 'middle' }, 'lift'),
    svg('text', { class: 'axis-label', x: MARGIN.left + inner.width / 2, y: HEIGHT - 4, 'text-anchor': 'middle' }, spanDays > 2 ? 'date' : 'time of day'),
  );

  if (points.length > 1) {
    const upper = points.map((p, i) => `${x(at[i])},${y(p.high)}`);
    const lower = points.map((p, i) => `${x(at[i])},${y(p.low)}`).reverse();
    plot.append(svg('polygon', { class: 'band', points: [...upper, ...lower].join(' ') }));
  }
  plot.append(svg('line', { class: 'zero', x1: MARGIN.left, x2: w - MARGIN.right, y1: y(0), y2: y(0) }));
  if (points.length > 1) {
    plot.append(svg('polyline', { class: 'estimate', points: points.map((p, i) => `${x(at[i])},${y(p.estimate)}`).join(' ') }));
  }
  points.forEach((p, i) => {
    const px = x(at[i]);
    if (points.length <= 3) {
      // Too few points for a band to read: each one's interval as a bar.
      plot.append(
        svg('line', { class: 'whisker', x1: px, x2: px, y1: y(p.low), y2: y(p.high) }),
        svg('line', { class: 'whisker', x1: px - 5, x2: px + 5, y1: y(p.low), y2: y(p.low) }),
        svg('line', { class: 'whisker', x1: px - 5, x2: px + 5, y1: y(p.high), y2: y(p.high) }),
      );
    }
    const point = svg('circle', { class: 'point', cx: px, cy: y(p.estimate), r: 3.5 });
    point.append(svg('title', {}, `${dateTime(p.at)}: ${signedPercent(p.estimate)} (95% interval ${signedPercent(p.low)} to ${signedPercent(p.high)})`));
    plot.append(point);
  });
  plot.append(svg('text', { class: 'zero-label', x: w - MARGIN.right - 2, y: y(0) - 5, 'text-anchor': 'end' }, 'no change'));
  return plot;
}
