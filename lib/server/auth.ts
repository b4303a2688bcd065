// Accounts: better-auth's email-and-password routes and sessions, on the store's own database
// (PGlite or PostgreSQL, through a Kysely dialect over the same connection). Passwords are
// hashed with its scrypt KDF; sessions travel in http-only, SameSite=Lax cookies. Route
// handlers ask `currentUser` or `requireUser`; nothing else touches the library.
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { kyselyAdapter } from "@better-auth/kysely-adapter";
import { betterAuth } from "better-auth";
import { CamelCasePlugin, Kysely } from "kysely";
import { dataDir } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { Database } from "@/lib/store";
import { storeDialect } from "@/lib/store/kysely-dialect";
import { serverContext } from "./context";

export interface User {
  id: string;
  name: string;
  email: string;
}

/** Attempts per client address and minute on the routes that take a password. */
export const PASSWORD_ATTEMPTS_PER_MINUTE = 10;

export function createAuth(db: Database, secret: string) {
  const kysely = new Kysely<unknown>({ dialect: storeDialect(db), plugins: [new CamelCasePlugin()] });
  return betterAuth({
    appName: "Glimpse",
    // Behind a public address, BETTER_AUTH_URL names it (and https there makes cookies Secure).
    // Without it the app answers on whatever host it is reached by (localhost, a LAN address),
    // and a request's Origin must still match that host.
    baseURL: process.env.BETTER_AUTH_URL || {
      allowedHosts: ["*"],
      protocol: "auto",
      // For a request that names no host at all (never a browser's).
      fallback: `http://localhost:${process.env.PORT ?? 3000}`,
    },
    basePath: "/api/auth",
    secret,
    database: kyselyAdapter(kysely, { type: "postgres", usePlural: true }),
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8, maxPasswordLength: 128 },
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: PASSWORD_ATTEMPTS_PER_MINUTE },
        "/sign-up/email": { window: 60, max: PASSWORD_ATTEMPTS_PER_MINUTE },
      },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * The key that signs session cookies: BETTER_AUTH_SECRET when set, otherwise one made on first
 * start and kept in the data directory, so sessions survive restarts without any set-up.
 */
export async function authSecret(): Promise<string> {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), "auth-secret");
  try {
    return (await fs.readFile(file, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await fs.mkdir(dataDir(), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": two processes starting together keep the first one's key.
    await fs.writeFile(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return (await fs.readFile(file, "utf8")).trim();
  }
}

/** The signed-in user of a request, or null for a visitor. */
export async function currentUser(request: Request): Promise<User | null> {
  const session = await (await (await serverContext()).auth()).api.getSession({ headers: request.headers });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email };
}

/** The signed-in user, or `401 unauthenticated`. */
export async function requireUser(request: Request): Promise<User> {
  const user = await currentUser(request);
  if (!user) throw new AppError("unauthenticated", "Sign in to do this.", 401);
  return user;
}

/**
 * Serves better-auth's routes under /api/auth, with its errors in the contract's envelope:
 * `{"error": {"code", "message"}}`, the library's code in lower case (e.g.
 * `invalid_email_or_password`), and `429 rate_limited` with `Retry-After`.
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  const response = await (await (await serverContext()).auth()).handler(request);
  if (response.status < 400) return response;
  const body = (await response.json().catch(() => ({}))) as { code?: unknown; message?: unknown };
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  let code = typeof body.code === "string" && body.code ? body.code.toLowerCase() : "auth_error";
  if (response.status === 429) {
    code = "rate_limited";
    headers.set("retry-after", response.headers.get("x-retry-after") ?? "60");
  }
  const message = typeof body.message === "string" && body.message ? body.message : response.statusText || "The request was refused.";
  return new Response(JSON.stringify({ error: { code, message } }), { status: response.status, headers });
}
