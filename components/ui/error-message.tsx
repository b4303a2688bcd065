"use client";
// How any failed request is shown: a plain-language headline, the server's own words and
// code underneath, and a retry when there is something to retry.
import { ApiError, friendlyErrorText } from "@/lib/client/api-error";
import { buttonClass } from "./button";

export function ErrorMessage({ error, onRetry, className = "" }: { error: unknown; onRetry?: () => void; className?: string }) {
  const { headline, detail, code } = friendlyErrorText(error);
  // Sending a file the server already refused would only be refused again.
  const retryable = !(error instanceof ApiError) || error.isRetryable;
  return (
    <div
      role="alert"
      data-testid="error-message"
      data-error-code={code}
      className={`mx-auto max-w-md rounded-2xl border border-red-200 bg-red-50 px-5 py-4 text-center ${className}`}
    >
      <p className="font-semibold text-red-900">{headline}</p>
      {detail && detail !== headline && <p className="mt-1 text-sm text-red-800">{detail}</p>}
      <p className="mt-1 font-mono text-xs text-red-700">{code}</p>
      {onRetry && retryable && (
        <button type="button" onClick={onRetry} className={buttonClass("outline", "mt-3")} data-testid="retry">
          Try again
        </button>
      )}
    </div>
  );
}
