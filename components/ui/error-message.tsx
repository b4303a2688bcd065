"use client";
// How any failed request is shown: a plain-language headline, a retry when there is
// something to retry, and the server's own words and code behind "Details" for whoever needs them.
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
      <details data-testid="error-details" className="mt-1 text-xs text-red-800">
        <summary className="cursor-pointer select-none">Details</summary>
        {detail && detail !== headline && <p className="mt-1">{detail}</p>}
        <p className="mt-1 font-mono text-red-700">{code}</p>
      </details>
      {onRetry && retryable && (
        <button type="button" onClick={onRetry} className={buttonClass("outline", "mt-3")} data-testid="retry">
          Try again
        </button>
      )}
    </div>
  );
}
