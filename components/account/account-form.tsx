"use client";
// Sign in or sign up with email and password; afterwards the visitor goes back where they were.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { signInMutation } from "@/lib/client/board-queries";
import { buttonClass } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/error-message";

const field = "h-11 w-full rounded-xl border border-neutral-300 px-4 text-base focus:border-neutral-500 focus:outline-none";

/** Only paths of this site: a `next` pointing elsewhere would make the form an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function AccountForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const next = safeNext(useSearchParams().get("next"));
  const submit = useMutation(signInMutation(queryClient, mode));
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signingUp = mode === "sign-up";
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-3xl bg-white p-6 shadow-[0_1px_20px_rgba(0,0,0,0.1)]">
      <h1 className="mb-1 text-center text-2xl font-semibold text-neutral-900">{signingUp ? "Join Glimpse" : "Welcome back"}</h1>
      <p className="mb-6 text-center text-sm text-neutral-600">{signingUp ? "Save pins to boards and get ideas for them." : "Sign in to see your boards."}</p>
      <form
        data-testid={`${mode}-form`}
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          submit.mutate(signingUp ? { name: name.trim(), email, password } : { email, password }, {
            onSuccess: () => router.push(next),
          });
        }}
      >
        {signingUp && (
          <input data-testid="account-name" className={field} autoComplete="name" required maxLength={80} placeholder="Your name" aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} />
        )}
        <input data-testid="account-email" className={field} type="email" autoComplete="email" required placeholder="Email" aria-label="Email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <input
          data-testid="account-password"
          className={field}
          type="password"
          autoComplete={signingUp ? "new-password" : "current-password"}
          required
          minLength={8}
          maxLength={128}
          placeholder={signingUp ? "Password (8 characters or more)" : "Password"}
          aria-label="Password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" data-testid="account-submit" disabled={submit.isPending} className={buttonClass("primary", "h-11 w-full")}>
          {submit.isPending ? "One moment…" : signingUp ? "Sign up" : "Sign in"}
        </button>
        {submit.isError && <ErrorMessage error={submit.error} />}
      </form>
      <p className="mt-6 text-center text-sm text-neutral-600">
        {signingUp ? "Already have an account? " : "New here? "}
        <Link href={`/${signingUp ? "sign-in" : "sign-up"}?next=${encodeURIComponent(next)}`} className="font-semibold text-neutral-900 underline">
          {signingUp ? "Sign in" : "Sign up"}
        </Link>
      </p>
    </div>
  );
}
