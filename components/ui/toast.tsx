"use client";
// One confirmation at a time at the bottom of the screen ("Saved to Kitchen · Undo"), gone
// after a few seconds; a newer one replaces it.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";

export interface Toast {
  message: string;
  action?: { label: string; run: () => void };
}

const ToastContext = createContext<(toast: Toast) => void>(() => {});

const SHOWN_MS = 6000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<(Toast & { key: number }) | null>(null);
  const show = useCallback((next: Toast) => setToast({ ...next, key: Date.now() }), []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
        {toast && (
          <div
            key={toast.key}
            role="status"
            data-testid="toast"
            className="pointer-events-auto flex items-center gap-4 rounded-full bg-neutral-900 py-2 pr-2 pl-5 text-sm font-medium text-white shadow-lg transition-opacity starting:opacity-0"
          >
            <span>{toast.message}</span>
            {toast.action && (
              <button
                type="button"
                data-testid="toast-action"
                onClick={() => {
                  toast.action!.run();
                  setToast(null);
                }}
                className="rounded-full bg-white px-3 py-1 text-neutral-900 hover:bg-neutral-200 focus-visible:outline-2 focus-visible:outline-blue-400"
              >
                {toast.action.label}
              </button>
            )}
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): (toast: Toast) => void {
  return useContext(ToastContext);
}
