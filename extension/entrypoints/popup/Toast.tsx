import { useEffect } from 'preact/hooks';

export interface ToastState {
  text: string;
  /** epoch ms when the toast (and its action) expires */
  until: number;
  action?: { label: string; run: () => Promise<void> };
}

/** A short message at the bottom with an optional action (e.g. Undo), gone when its time runs out. */
export function Toast({ toast, onClose }: { toast: ToastState; onClose: () => void }) {
  useEffect(() => {
    const t = setTimeout(onClose, Math.max(0, toast.until - Date.now() - 500));
    return () => clearTimeout(t);
  }, [toast, onClose]);
  return (
    <div class="toast" role="status">
      <span>{toast.text}</span>
      {toast.action && (
        <button
          type="button"
          onClick={async () => {
            onClose();
            await toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
    </div>
  );
}
