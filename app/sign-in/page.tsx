import type { Metadata } from "next";
import { Suspense } from "react";
import { AccountForm } from "@/components/account/account-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <Suspense>
      <AccountForm mode="sign-in" />
    </Suspense>
  );
}
