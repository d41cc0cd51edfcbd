/**
 * The widgets' styles. Every selector is one of ours (`vitrina-` classes), so nothing leaks into
 * the shop's page; the pop-up lives in a shadow root, so the shop's styles do not leak into it.
 */
const STRIP = `
.vitrina-block{margin:24px 0;color:inherit;font:inherit}
.vitrina-heading{font-size:1.25rem;font-weight:650;line-height:1.3;margin:0 0 12px}
.vitrina-strip{display:flex;gap:14px;overflow-x:auto;overscroll-behavior-x:contain;scroll-snap-type:x proximity;list-style:none;margin:0;padding:2px 2px 10px}
.vitrina-card{flex:0 0 auto;width:clamp(148px,40vw,208px);scroll-snap-align:start;margin:0;padding:0}
.vitrina-link{display:flex;flex-direction:column;gap:6px;height:100%;box-sizing:border-box;padding:10px;border:1px solid #e5e7eb;border-radius:12px;background:#fff;color:#111827;text-decoration:none;transition:box-shadow .15s}
.vitrina-link:hover{box-shadow:0 6px 18px rgba(17,24,39,.1)}
.vitrina-link:focus-visible,.vitrina-button:focus-visible,.vitrina-close:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.vitrina-img{display:block;width:100%;aspect-ratio:1/1;object-fit:cover;border-radius:8px;background:#f3f4f6}
.vitrina-name{font-size:.92rem;line-height:1.3;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;min-height:2.6em;overflow-wrap:anywhere}
.vitrina-prices{display:flex;flex-wrap:wrap;gap:2px 8px;align-items:baseline;margin-top:auto}
.vitrina-price{font-weight:700;font-size:1rem}
.vitrina-sale .vitrina-price{color:#b91c1c}
.vitrina-old{color:#6b7280;font-size:.85rem}
.vitrina-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.vitrina-button{display:inline-block;box-sizing:border-box;padding:12px 20px;border-radius:10px;background:#111827;color:#fff;font-weight:600;text-decoration:none;text-align:center}
.vitrina-button:hover{background:#374151}
`;

export const PAGE_CSS =
  STRIP +
  `
.vitrina-banner{display:grid;grid-template-columns:1fr;overflow:hidden;border-radius:14px;background:#f3f4f6;color:#111827}
.vitrina-banner-image{display:block;width:100%;height:100%;min-height:160px;max-height:320px;object-fit:cover}
.vitrina-banner-body{display:flex;flex-direction:column;justify-content:center;gap:10px;padding:24px}
.vitrina-banner-title{font-size:1.5rem;line-height:1.25;margin:0}
.vitrina-banner-text{margin:0;line-height:1.5}
.vitrina-banner .vitrina-button{align-self:flex-start}
@media (min-width:720px){.vitrina-banner.vitrina-with-image{grid-template-columns:1.1fr 1fr}.vitrina-banner-body{padding:32px}}
`;

export const POPUP_CSS =
  STRIP +
  `
:host{all:initial}
.vitrina-backdrop{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;justify-content:center;box-sizing:border-box;padding:16px;background:rgba(17,24,39,.55);font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#111827}
.vitrina-dialog{position:relative;box-sizing:border-box;width:100%;max-width:540px;max-height:calc(100vh - 32px);overflow:auto;padding:28px 24px 24px;border-radius:16px;background:#fff;box-shadow:0 24px 60px rgba(0,0,0,.3)}
.vitrina-dialog:focus{outline:none}
.vitrina-close{position:absolute;top:8px;right:8px;width:44px;height:44px;padding:0;border:0;border-radius:50%;background:transparent;color:#374151;font:28px/1 system-ui,sans-serif;cursor:pointer}
.vitrina-close:hover{background:#f3f4f6}
.vitrina-dialog-image{display:block;width:100%;max-height:200px;object-fit:cover;border-radius:10px;margin:8px 0 16px}
.vitrina-dialog-title{font-size:1.4rem;font-weight:700;line-height:1.25;margin:0 44px 8px 0}
.vitrina-dialog-text{margin:0 0 16px;line-height:1.5;color:#374151}
.vitrina-dialog .vitrina-card{width:148px}
.vitrina-dialog .vitrina-button{display:block;width:100%;margin-top:12px;padding:14px 20px;font-size:1rem}
@media (max-width:480px){.vitrina-backdrop{align-items:flex-end;padding:0}.vitrina-dialog{max-height:92vh;border-radius:18px 18px 0 0;padding:24px 16px 20px}.vitrina-dialog .vitrina-card{width:136px}}
`;

/** The page's style sheet, once per document. */
export function ensurePageStyles(doc) {
  if (doc.getElementById('vitrina-styles')) return;
  const style = doc.createElement('style');
  style.id = 'vitrina-styles';
  style.textContent = PAGE_CSS;
  (doc.head || doc.documentElement).appendChild(style);
}
