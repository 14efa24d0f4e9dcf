import { describe, expect, it } from "vitest";
import { buildProviders, enabledOAuthProviders } from "./auth-providers";

const authorize = async () => null;
const ids = (env: Record<string, string | undefined>) =>
  buildProviders(env, authorize).map((p) => (typeof p === "function" ? p() : p).id);

describe("sign-in providers", () => {
  it("has only email and password by default", () => {
    expect(ids({})).toEqual(["credentials"]);
    expect(enabledOAuthProviders({})).toEqual([]);
  });

  it("switches GitHub and Google on only when both id and secret are set", () => {
    expect(ids({ AUTH_GITHUB_ID: "id" })).toEqual(["credentials"]);
    expect(ids({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s" })).toEqual(["credentials", "github"]);
    expect(ids({ AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "s" })).toEqual(["credentials", "google"]);
    expect(ids({ AUTH_GITHUB_ID: "a", AUTH_GITHUB_SECRET: "b", AUTH_GOOGLE_ID: "c", AUTH_GOOGLE_SECRET: "d" })).toEqual(
      ["credentials", "github", "google"],
    );
  });

  it("never links OAuth accounts to existing accounts by email", () => {
    const providers = buildProviders(
      { AUTH_GITHUB_ID: "a", AUTH_GITHUB_SECRET: "b", AUTH_GOOGLE_ID: "c", AUTH_GOOGLE_SECRET: "d" },
      authorize,
    ).map((p) => (typeof p === "function" ? p() : p));
    for (const p of providers) {
      const options = (p as { options?: { allowDangerousEmailAccountLinking?: boolean } }).options;
      expect(options?.allowDangerousEmailAccountLinking ?? false).toBe(false);
      expect((p as { allowDangerousEmailAccountLinking?: boolean }).allowDangerousEmailAccountLinking ?? false).toBe(
        false,
      );
    }
  });
});
