// Accounts: better-auth's email-and-password routes (sign-up, sign-in, sign-out, get-session).
import { handleAuthRequest } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

export { handleAuthRequest as GET, handleAuthRequest as POST };
