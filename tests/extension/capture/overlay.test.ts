// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OVERLAY_ATTRIBUTE, selectRegionInPage } from '../../../extension/capture/overlay';

/** Opens the overlay and hands back its (closed) shadow root, caught as it is attached. */
function open() {
  let root: ShadowRoot | null = null;
  const real = Element.prototype.attachShadow;
  const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    root = real.call(this, init);
    return root;
  });
  const result = selectRegionInPage(OVERLAY_ATTRIBUTE, 'Drag a rectangle');
  const init = spy.mock.calls[0]?.[0];
  spy.mockRestore();
  const layer = (root as ShadowRoot | null)?.querySelector('.layer') as HTMLElement;
  return { result, layer, init };
}

const pointer = (type: string, x: number, y: number) =>
  new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, pointerId: 1 });

afterEach(() => {
  for (const el of document.querySelectorAll(`[${OVERLAY_ATTRIBUTE}]`)) el.remove();
});

describe('region-select overlay (runs in the page)', () => {
  it('lives in a closed shadow root and resolves with the dragged rectangle, then removes itself', async () => {
    const { result, layer, init } = open();
    expect(init).toEqual({ mode: 'closed' });
    expect(document.querySelector(`[${OVERLAY_ATTRIBUTE}]`)?.shadowRoot).toBeNull();
    layer.dispatchEvent(pointer('pointerdown', 300, 200));
    layer.dispatchEvent(pointer('pointermove', 200, 150));
    layer.dispatchEvent(pointer('pointerup', 100, 50));
    const region = await result;
    expect(region).toMatchObject({ x: 100, y: 50, width: 200, height: 150 });
    expect(region?.viewportWidth).toBe(window.innerWidth);
    expect(document.querySelector(`[${OVERLAY_ATTRIBUTE}]`)).toBeNull();
  });

  it('Esc cancels', async () => {
    const { result } = open();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await expect(result).resolves.toBeNull();
    expect(document.querySelector(`[${OVERLAY_ATTRIBUTE}]`)).toBeNull();
  });

  it('a click without a drag cancels rather than reading a sliver', async () => {
    const { result, layer } = open();
    layer.dispatchEvent(pointer('pointerdown', 10, 10));
    layer.dispatchEvent(pointer('pointerup', 12, 13));
    await expect(result).resolves.toBeNull();
  });

  it('replaces an overlay left from an earlier scan', () => {
    void open().result;
    void open().result;
    expect(document.querySelectorAll(`[${OVERLAY_ATTRIBUTE}]`)).toHaveLength(1);
  });
});
