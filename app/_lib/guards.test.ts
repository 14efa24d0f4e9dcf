import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { eq } from "drizzle-orm";

const session = vi.hoisted(() => ({ current: null as null | { user: { id?: string }; sv?: number } }));
const requestHeaders = vi.hoisted(() => ({ current: new Headers() }));

vi.mock("@/app/_lib/session-user", () => ({
  sessionClaim: async () =>
    session.current?.user.id ? { userId: session.current.user.id, sessionVersion: session.current.sv ?? 0 } : null,
}));
vi.mock("next/headers", () => ({ headers: async () => requestHeaders.current }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
// React's cache() only memoises inside a server render; in tests each call reads afresh.
vi.mock("react", async (importOriginal) => ({ ...(await importOriginal<object>()), cache: <T>(fn: T) => fn }));

const { getViewer, requireCapability, requireUser } = await import("./guards");

function insertUser(values: Partial<typeof users.$inferInsert> = {}) {
  const id = crypto.randomUUID();
  getDb()
    .insert(users)
    .values({ id, name: `User ${id.slice(0, 6)}`, email: `${id}@example.test`, ...values })
    .run();
  return id;
}

beforeEach(() => {
  session.current = null;
  requestHeaders.current = new Headers();
});

describe("getViewer", () => {
  it("is null when signed out", async () => {
    expect(await getViewer()).toBeNull();
  });

  it("reads role and status from the database, not the token", async () => {
    const id = insertUser({ role: "moderator" });
    session.current = { user: { id } };
    expect(await getViewer()).toMatchObject({ id, role: "moderator", status: "active" });
    getDb().update(users).set({ role: "reader", status: "banned", statusReason: "spam" }).where(eq(users.id, id)).run();
    expect(await getViewer()).toMatchObject({ id, role: "reader", status: "banned", statusReason: "spam" });
  });

  it("is null for a token whose account was deleted", async () => {
    const id = insertUser();
    session.current = { user: { id } };
    getDb().delete(users).where(eq(users.id, id)).run();
    expect(await getViewer()).toBeNull();
  });

  it("is null for a token from before the account's session version went up", async () => {
    const id = insertUser();
    session.current = { user: { id }, sv: 0 };
    expect(await getViewer()).toMatchObject({ id, emailConfirmed: false });
    getDb().update(users).set({ sessionVersion: 1 }).where(eq(users.id, id)).run();
    expect(await getViewer()).toBeNull();
    session.current = { user: { id }, sv: 1 };
    expect(await getViewer()).toMatchObject({ id });
  });
});

describe("requireUser", () => {
  it("redirects a signed-out visitor to sign in and back", async () => {
    await expect(requireUser({ callbackUrl: "/account" })).rejects.toThrow("REDIRECT /signin?callbackUrl=%2Faccount");
  });

  it("uses the form's page (Referer) when no path is given, and never an outside one", async () => {
    requestHeaders.current = new Headers({ referer: "http://127.0.0.1:3000/articles/x?sort=top" });
    await expect(requireUser()).rejects.toThrow("REDIRECT /signin?callbackUrl=%2Farticles%2Fx%3Fsort%3Dtop");
    await expect(requireUser({ callbackUrl: "//evil.example" })).rejects.toThrow(/^REDIRECT \/signin$/);
  });

  it("returns the viewer when signed in", async () => {
    const id = insertUser();
    session.current = { user: { id } };
    expect((await requireUser()).id).toBe(id);
  });
});

describe("requireCapability", () => {
  it("redirects signed-out visitors to /signin", async () => {
    await expect(requireCapability("moderate", { callbackUrl: "/admin" })).rejects.toThrow(
      "REDIRECT /signin?callbackUrl=%2Fadmin",
    );
  });

  it("answers 404 to readers", async () => {
    session.current = { user: { id: insertUser({ role: "reader" }) } };
    await expect(requireCapability("moderate")).rejects.toThrow("NOT_FOUND");
  });

  it("lets moderators and admins into moderator pages, only admins into admin pages", async () => {
    session.current = { user: { id: insertUser({ role: "moderator" }) } };
    expect((await requireCapability("moderate")).role).toBe("moderator");
    await expect(requireCapability("administer")).rejects.toThrow("NOT_FOUND");
    session.current = { user: { id: insertUser({ role: "admin" }) } };
    expect((await requireCapability("moderate")).role).toBe("admin");
    expect((await requireCapability("administer")).role).toBe("admin");
  });

  it("drops a demoted or banned moderator at once, whatever the token says", async () => {
    const id = insertUser({ role: "moderator" });
    session.current = { user: { id } };
    getDb().update(users).set({ status: "banned" }).where(eq(users.id, id)).run();
    await expect(requireCapability("moderate")).rejects.toThrow("NOT_FOUND");
    getDb().update(users).set({ status: "active", role: "reader" }).where(eq(users.id, id)).run();
    await expect(requireCapability("moderate")).rejects.toThrow("NOT_FOUND");
  });
});
