/**
 * The sign-in providers, decided from the environment alone: email and
 * password always; GitHub and Google only when both their id and secret are
 * set. OAuth accounts are never linked to an existing account by email
 * (no `allowDangerousEmailAccountLinking`): someone who controls a GitHub
 * account with your address must not get into your Broadsheet account.
 */
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";

export type OAuthProviderInfo = { id: "github" | "google"; name: string };

type Env = Record<string, string | undefined>;

export function enabledOAuthProviders(env: Env): OAuthProviderInfo[] {
  const list: OAuthProviderInfo[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) list.push({ id: "google", name: "Google" });
  return list;
}

type Authorize = (credentials: Partial<Record<string, unknown>>, request: Request) => Promise<{ id: string } | null>;

export function buildProviders(env: Env, authorize: Authorize): Provider[] {
  const providers: Provider[] = [
    Credentials({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize,
    }),
  ];
  for (const { id } of enabledOAuthProviders(env)) {
    if (id === "github") {
      providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
    } else {
      providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
    }
  }
  return providers;
}
