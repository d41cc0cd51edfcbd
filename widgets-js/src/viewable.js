/**
 * A viewable impression: at least half of the element on screen, the page visible, for one
 * continuous second. Calls `onView` once, then stops watching.
 */
export const VIEW_RATIO = 0.5;
export const VIEW_MS = 1000;

export function watchViewable(root, element, onView) {
  if (typeof root.IntersectionObserver !== 'function') {
    // Old browsers: shown is counted as seen after the second.
    const t = root.setTimeout(onView, VIEW_MS);
    return () => root.clearTimeout(t);
  }
  let timer = null;
  let done = false;
  const cancel = () => {
    if (timer !== null) root.clearTimeout(timer);
    timer = null;
  };
  const observer = new root.IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1];
      const visible = entry.isIntersecting && entry.intersectionRatio >= VIEW_RATIO - 0.001;
      if (!visible) cancel();
      else if (timer === null && !done) {
        timer = root.setTimeout(() => {
          timer = null;
          if (root.document.visibilityState === 'hidden') return; // the tab was left; wait for the next entry
          done = true;
          observer.disconnect();
          onView();
        }, VIEW_MS);
      }
    },
    { threshold: [0, VIEW_RATIO, 1] }
  );
  observer.observe(element);
  return () => {
    done = true;
    cancel();
    observer.disconnect();
  };
}
