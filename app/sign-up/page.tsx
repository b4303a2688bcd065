import type { Metadata } from "next";
import { Suspense } from "react";
import { AccountForm } from "@/components/account/account-form";

export const metadata: Metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <Suspense>
      <AccountForm mode="sign-up" />
    </Suspense>
  );
}
