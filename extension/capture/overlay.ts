/**
 * The region-select overlay, injected into the user's tab with scripting.executeScript only after
 * they asked to scan. It must be self-contained (the function is serialised, not bundled): a
 * full-viewport layer in a closed shadow root, so the page's scripts and styles cannot reach or
 * restyle it. The user drags a rectangle; Esc (or a click without a drag) cancels.
 */

/** A rectangle in CSS pixels of the viewport, plus the viewport size to map it onto a capture. */
export interface SelectedRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  viewportWidth: number;
  viewportHeight: number;
}

/** The attribute on the overlay's host element (tests wait for it; a second scan replaces it). */
export const OVERLAY_ATTRIBUTE = 'data-ward-region-select';

/**
 * Runs in the page: shows the overlay and resolves with the dragged rectangle, or null when
 * cancelled. The overlay is gone (and painted away) before the promise resolves, so the capture
 * that follows sees the page itself.
 */
export function selectRegionInPage(attribute: string, prompt: string): Promise<SelectedRegion | null> {
  for (const old of document.querySelectorAll(`[${attribute}]`)) old.remove();
  const host = document.createElement('div');
  host.setAttribute(attribute, '');
  host.style.cssText = 'all:initial;position:fixed;inset:0;z-index:2147483647;';
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = `<style>
    .layer{position:fixed;inset:0;cursor:crosshair;background:rgba(0,0,0,.25);user-select:none}
    .box{position:fixed;border:2px solid #1a73e8;background:rgba(26,115,232,.08);display:none}
    .tip{position:fixed;top:12px;left:50%;transform:translateX(-50%);padding:8px 14px;border-radius:8px;
      background:#202124;color:#fff;font:14px system-ui,sans-serif;pointer-events:none}
  </style><div class="layer" role="dialog" aria-label="Select the QR code"><div class="box"></div>
  <div class="tip"></div></div>`;
  const layer = root.querySelector('.layer') as HTMLDivElement;
  const box = root.querySelector('.box') as HTMLDivElement;
  (root.querySelector('.tip') as HTMLDivElement).textContent = prompt;
  (document.body ?? document.documentElement).appendChild(host);

  return new Promise((resolve) => {
    let start: { x: number; y: number } | null = null;
    const rectTo = (x: number, y: number) => ({
      x: Math.min(start?.x ?? x, x),
      y: Math.min(start?.y ?? y, y),
      width: Math.abs(x - (start?.x ?? x)),
      height: Math.abs(y - (start?.y ?? y)),
    });
    const finish = (region: SelectedRegion | null) => {
      window.removeEventListener('keydown', onKey, true);
      host.remove();
      // Two frames: the overlay's removal is painted before the worker captures the tab again.
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(region)));
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      finish(null);
    };
    window.addEventListener('keydown', onKey, true);
    layer.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      start = { x: e.clientX, y: e.clientY };
      layer.setPointerCapture?.(e.pointerId);
    });
    layer.addEventListener('pointermove', (e) => {
      if (!start) return;
      const r = rectTo(e.clientX, e.clientY);
      box.style.cssText = `display:block;left:${r.x}px;top:${r.y}px;width:${r.width}px;height:${r.height}px`;
    });
    layer.addEventListener('pointerup', (e) => {
      if (!start) return;
      const r = rectTo(e.clientX, e.clientY);
      start = null;
      if (r.width < 8 || r.height < 8) return finish(null); // a click, not a drag
      finish({ ...r, viewportWidth: window.innerWidth, viewportHeight: window.innerHeight });
    });
  });
}

/**
 * Runs in the page: the on-screen rectangle of the image the user right-clicked (found by URL),
 * scrolled into view first, or null when it is not in the page's top document.
 */
export async function locateImageInPage(srcUrl: string): Promise<SelectedRegion | null> {
  const img = [...document.images].find((i) => i.currentSrc === srcUrl || i.src === srcUrl);
  if (!img) return null;
  img.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const r = img.getBoundingClientRect();
  return {
    x: r.left,
    y: r.top,
    width: r.width,
    height: r.height,
    viewportWidth: window.innerWidth,
    viewportHeight: window.innerHeight,
  };
}

/** Runs in the page: a blob: URL's bytes as a data: URL (only the page can read its own blobs). */
export async function readBlobInPage(srcUrl: string): Promise<string | null> {
  try {
    const blob = await (await fetch(srcUrl)).blob();
    return await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  } catch {
    return null;
  }
}
