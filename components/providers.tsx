"use client";
// The client-side context every page needs: one QueryClient per browser tab, confirmations,
// the drag-and-drop workspace for boards, and the service worker that lets Lens work offline
// (not in development, where files change under it).
import { SerwistProvider } from "@serwist/turbopack/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { ApiError } from "@/lib/client/api-error";
import { BoardWorkspace } from "@/components/board/board-workspace";
import { ToastProvider } from "@/components/ui/toast";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A refused request will be refused again; only network and server trouble deserves a retry.
        retry: (failureCount, error) => !(error instanceof ApiError && !error.isRetryable) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  // Marks the moment event handlers are live: browser tests wait for it before acting.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <SerwistProvider swUrl="/serwist/sw.js" disable={process.env.NODE_ENV === "development"} reloadOnOnline={false}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <BoardWorkspace>{children}</BoardWorkspace>
        </ToastProvider>
      </QueryClientProvider>
    </SerwistProvider>
  );
}
