// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAction } from '../../../extension/ui/use-action';

let root: HTMLElement;
let hook: ReturnType<typeof useAction>;

/** Renders busy and error the way the screens do, so the tests read what a person would see. */
function Probe({ options }: { options?: Parameters<typeof useAction>[0] }) {
  hook = useAction(options);
  return (
    <form aria-busy={hook.busy}>
      <button type="submit" disabled={hook.busy}>
        Go
      </button>
      <p role="alert">{hook.error}</p>
    </form>
  );
}

const button = () => root.querySelector('button') as HTMLButtonElement;
const alertText = () => root.querySelector('[role=alert]')?.textContent;

/** A promise the test settles by hand, to look at the screen while the action is under way. */
function deferred() {
  let resolve = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  render(<Probe />, root);
});

/** Mounts the probe again with the hook's options, as a screen that stays after a success would. */
const remount = (options: Parameters<typeof useAction>[0]) => {
  render(null, root);
  render(<Probe options={options} />, root);
};

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('useAction', () => {
  it('is busy while the action runs and ignores a second run until it settles', async () => {
    const first = deferred();
    const second = vi.fn(async () => {});
    let pending: Promise<void> = Promise.resolve();
    await act(() => {
      pending = hook.run(() => first.promise);
      // Same tick, before any re-render: a double click.
      void hook.run(second);
    });
    expect(button().disabled).toBe(true);
    expect(second).not.toHaveBeenCalled();

    await act(async () => {
      first.resolve();
      await pending;
    });
    expect(second).not.toHaveBeenCalled();
  });

  it('stays busy after a success, so a screen that leaves cannot be submitted twice', async () => {
    await act(() => hook.run(async () => {}));
    expect(button().disabled).toBe(true);
    const again = vi.fn(async () => {});
    await act(() => hook.run(again));
    expect(again).not.toHaveBeenCalled();
  });

  it('is usable again after an action that releases it', async () => {
    await act(() => hook.run(async () => hook.release()));
    expect(button().disabled).toBe(false);
    const again = vi.fn(async () => hook.release());
    await act(() => hook.run(again));
    expect(again).toHaveBeenCalledOnce();
    expect(button().disabled).toBe(false);
  });

  it('with releaseOnSuccess, is usable again after every success', async () => {
    remount({ releaseOnSuccess: true });
    const action = vi.fn(async () => {});
    await act(() => hook.run(action));
    expect(button().disabled).toBe(false);
    await act(() => hook.run(action));
    expect(action).toHaveBeenCalledTimes(2);
  });

  it('shows the failure in words and frees the button; the next run clears the message', async () => {
    await act(() =>
      hook.run(async () => {
        throw new Error('Wrong passphrase.');
      }),
    );
    expect(alertText()).toBe('Wrong passphrase.');
    expect(button().disabled).toBe(false);

    const retry = deferred();
    let pending: Promise<void> = Promise.resolve();
    await act(() => {
      pending = hook.run(() => retry.promise);
    });
    expect(alertText()).toBe('');
    expect(button().disabled).toBe(true);

    await act(async () => {
      retry.reject('not an Error');
      await pending;
    });
    expect(alertText()).toBe('Something went wrong.');
    expect(button().disabled).toBe(false);
  });

  it('lets a screen set its own message, as for a check made before the request', async () => {
    await act(() => hook.setError('Words #3 do not match.'));
    expect(alertText()).toBe('Words #3 do not match.');
    expect(button().disabled).toBe(false);
  });
});
