/**
 * Accounts end to end: sign-up, sign-in, sign-out, validation, throttling,
 * callbackUrl, the admin gate, the create-admin command, export and deletion.
 *
 * Every test that uses a page here is its own client address: its browser
 * context reaches the server through a proxy that connects from a loopback
 * address of the test's own (support/client-address.ts), so failed attempts
 * here never count against 127.0.0.1, which the other specs share. The server
 * trusts no X-Forwarded-For (TRUSTED_PROXY_HOPS is unset), as a fresh install.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { articles, comments, signinAttempts, signupAttempts, users } from "@/db/schema";
import { startClientAddress, type ClientAddress } from "./support/client-address";
import { createArticle, insertComment } from "./support/content";
import { expect, test as withUsers } from "./support/fixtures";
import { createUser, e2eDb, loginAs, uniqueSuffix } from "./support/users";

const run = promisify(execFile);
const WRONG = "Email or password is incorrect.";

const test = withUsers.extend<{ client: ClientAddress }>({
  client: async ({ baseURL }, provide) => {
    const client = await startClientAddress(baseURL!);
    await provide(client);
    await client.close();
  },
  proxy: async ({ client }, provide) => provide({ server: client.proxyServer }),
});

function form(page: Page, button: string) {
  return page.locator("form").filter({ has: page.getByRole("button", { name: button, exact: true }) });
}

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
}

async function signInThroughForm(page: Page, email: string, password: string) {
  await fillSignIn(page, email, password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

function header(page: Page) {
  return page.locator("header").first();
}

async function expectSignedInAs(page: Page, name: string) {
  await expect(header(page).getByRole("link", { name })).toBeVisible();
  await expect(header(page).getByRole("button", { name: "Sign out" })).toBeVisible();
}

function latestArticle(): { id: number; slug: string } {
  const row = e2eDb()
    .select({ id: articles.id, slug: articles.slug })
    .from(articles)
    .where(eq(articles.status, "published"))
    .orderBy(articles.publishedAt)
    .all()
    .at(-1);
  if (!row) throw new Error("the e2e database has no published article");
  return row;
}

test.describe("with JavaScript", () => {
  test("sign-up signs the reader in at once, and sign-out signs them out", async ({ page }) => {
    const name = `New Reader ${uniqueSuffix()}`;
    const email = `new-${uniqueSuffix()}@example.test`;
    await page.goto("/signup");
    await page.getByLabel("Display name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a perfectly fine passphrase");
    await page.getByRole("button", { name: "Create account" }).click();

    // Sign-up hashes a password (scrypt, 128 MiB): allow for a busy machine.
    await expect(page).toHaveURL(/\/$/, { timeout: 20_000 });
    await expectSignedInAs(page, name);
    const row = e2eDb()
      .select({ role: users.role, hash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email))
      .get();
    expect(row?.role).toBe("reader");
    expect(row?.hash).toMatch(/^scrypt\$17\$8\$1\$/);

    await header(page).getByRole("button", { name: "Sign out" }).click();
    await expect(header(page).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    await expect(header(page).getByRole("button", { name: "Sign out" })).toHaveCount(0);
  });

  test("sign-up has no required field beyond name, email and password", async ({ page }) => {
    await page.goto("/signup");
    const required = page.locator("form [required], form [aria-required='true']");
    await expect(required).toHaveCount(3);
    await expect(page.getByRole("link", { name: "Create an account" })).toHaveCount(0);
  });

  test("sign-in with the right password, from the link on /signin's sign-up counterpart", async ({ page }) => {
    const user = await createUser();
    await page.goto("/signin");
    await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/signup");
    await signInThroughForm(page, `  ${user.email.toUpperCase()} `, user.password);
    await expect(page).toHaveURL(/\/$/);
    await expectSignedInAs(page, user.name);
  });

  test("wrong password and unknown email get the same message; the email is kept, the password is not", async ({
    page,
  }) => {
    const user = await createUser();
    await page.goto("/signin");
    await signInThroughForm(page, user.email, "not the password at all");
    const signIn = form(page, "Sign in");
    await expect(signIn.getByRole("alert")).toHaveText(WRONG);
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
    await expect(page.getByLabel("Password")).toHaveValue("");

    const unknown = `nobody-${uniqueSuffix()}@example.test`;
    await signInThroughForm(page, unknown, "not the password at all");
    await expect(page.getByLabel("Email")).toHaveValue(unknown);
    await expect(signIn.getByRole("alert")).toHaveText(WRONG);
    await expect(header(page).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  });

  test("a duplicate email (in any case) is refused, keeping what was typed", async ({ page }) => {
    const existing = await createUser();
    await page.goto("/signup");
    await page.getByLabel("Display name").fill("Second Person");
    await page.getByLabel("Email").fill(existing.email.toUpperCase());
    await page.getByLabel("Password").fill("another fine passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(form(page, "Create account").getByRole("alert")).toContainText(
      "An account with this email already exists",
    );
    await expect(page.getByLabel("Display name")).toHaveValue("Second Person");
    await expect(page.getByLabel("Email")).toHaveValue(existing.email.toUpperCase());
    await expect(page.getByLabel("Password")).toHaveValue("");
    expect(e2eDb().select({ id: users.id }).from(users).where(eq(users.email, existing.email)).all()).toHaveLength(1);
  });

  const rules: { rule: string; name?: string; email?: string; password?: string; message: string }[] = [
    { rule: "invalid email", email: "not-an-email", message: "Enter a valid email address" },
    { rule: "missing email", email: "   ", message: "Enter your email address." },
    { rule: "short password", password: "short pw1", message: "Use at least 10 characters for your password." },
    { rule: "common password", password: "password123", message: "That password is too common." },
    { rule: "short display name", name: "  A  ", message: "Use at least 2 characters for your display name." },
    { rule: "long display name", name: "x".repeat(41), message: "Use at most 40 characters for your display name." },
    { rule: "reserved display name", name: "Moderator", message: "That display name is reserved." },
    { rule: "reserved display name, other case", name: "bRoAdShEeT", message: "That display name is reserved." },
    // Issue 12, finding 9: look-alikes of staff names (Unicode confusable skeletons) and staff words in a name.
    { rule: "staff name with a Cyrillic а", name: "\u0430dmin", message: "That display name is reserved." },
    { rule: "staff name with other words", name: "moderator team", message: "That display name is reserved." },
    { rule: "bidi isolate in display name", name: "Ada\u2067Reader", message: "cannot contain control or invisible" },
    {
      rule: "bidi override in display name",
      name: "Ada\u202eredaeR",
      message: "cannot contain control or invisible characters",
    },
    {
      rule: "zero-width character in display name",
      name: "Ad\u200ba",
      message: "cannot contain control or invisible characters",
    },
  ];
  for (const { rule, message, ...input } of rules) {
    test(`sign-up validation: ${rule}`, async ({ page }) => {
      const values = {
        name: input.name ?? `Valid Name ${uniqueSuffix()}`,
        email: input.email ?? `v-${uniqueSuffix()}@example.test`,
        password: input.password ?? "a perfectly fine passphrase",
      };
      await page.goto("/signup");
      await page.getByLabel("Display name").fill(values.name);
      await page.getByLabel("Email").fill(values.email);
      await page.getByLabel("Password").fill(values.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(form(page, "Create account").getByRole("alert")).toContainText(message);
      await expect(page.getByLabel("Display name")).toHaveValue(values.name);
      await expect(page.getByLabel("Email")).toHaveValue(values.email.trim());
      await expect(page.getByLabel("Password")).toHaveValue("");
      await expect(header(page).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    });
  }

  test("sign-in validation: empty fields", async ({ page }) => {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const alert = form(page, "Sign in").getByRole("alert");
    await expect(alert).toContainText("Enter your email address.");
    await expect(alert).toContainText("Enter your password.");
  });

  test("the 11th attempt for one email within 15 minutes is refused, even with the right password", async ({
    page,
    client,
  }) => {
    const user = await createUser();
    await page.goto("/signin");
    const alert = form(page, "Sign in").getByRole("alert");
    for (let i = 1; i <= 10; i++) {
      // A fresh address each time: this test is about the per-email limit.
      client.renew();
      await fillSignIn(page, user.email, `wrong password ${i}`);
      const response = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await response;
      // The alert already reads WRONG from the last round: wait for this round to finish rendering.
      await expect(form(page, "Sign in")).not.toHaveAttribute("aria-busy", "true");
      await expect(alert).toHaveText(WRONG);
    }
    client.renew();
    await signInThroughForm(page, user.email, user.password);
    await expect(alert).toHaveText(/^Too many attempts — try again in (14|15) minutes\.$/);
    await expect(header(page).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    const failures = e2eDb()
      .select({ id: signinAttempts.id })
      .from(signinAttempts)
      .where(eq(signinAttempts.email, user.email))
      .all();
    expect(failures).toHaveLength(10);
  });

  test("10 failures from one address across emails refuse that address, not others", async ({ page, client }) => {
    const ip = client.address;
    const now = Date.now();
    for (let i = 0; i < 10; i++) {
      e2eDb()
        .insert(signinAttempts)
        .values({
          email: `someone-${i}-${uniqueSuffix()}@example.test`,
          ip,
          succeeded: false,
          createdAt: new Date(now - 60_000),
        })
        .run();
    }
    const user = await createUser();
    await page.goto("/signin");
    await signInThroughForm(page, user.email, user.password);
    await expect(form(page, "Sign in").getByRole("alert")).toHaveText(
      /^Too many attempts — try again in 14 minutes\.$/,
    );

    client.renew();
    await signInThroughForm(page, user.email, user.password);
    await expectSignedInAs(page, user.name);
  });

  test("sign-ups with an existing email count as failed sign-ins from that address", async ({ page, client }) => {
    const ip = client.address;
    const now = Date.now();
    for (let i = 0; i < 9; i++) {
      e2eDb()
        .insert(signinAttempts)
        .values({
          email: `probe-${i}-${uniqueSuffix()}@example.test`,
          ip,
          succeeded: false,
          createdAt: new Date(now - 60_000),
        })
        .run();
    }
    const existing = await createUser();
    const trySignUp = async () => {
      await page.goto("/signup");
      await page.getByLabel("Display name").fill("Probing Person");
      await page.getByLabel("Email").fill(existing.email);
      await page.getByLabel("Password").fill("another fine passphrase");
      await page.getByRole("button", { name: "Create account" }).click();
    };
    await trySignUp(); // the tenth failure from this address
    await expect(form(page, "Create account").getByRole("alert")).toContainText(
      "An account with this email already exists",
    );
    await trySignUp();
    await expect(form(page, "Create account").getByRole("alert")).toHaveText(
      /^Too many attempts — try again in \d+ minutes?\.$/,
    );
    await expect(page.getByLabel("Display name")).toHaveValue("Probing Person");
    const failures = e2eDb()
      .select({ id: signinAttempts.id })
      .from(signinAttempts)
      .where(eq(signinAttempts.ip, ip))
      .all();
    expect(failures).toHaveLength(10);
  });

  test("sign-ups beyond 50 an hour from one address are refused, keeping what was typed; other addresses are not", async ({
    page,
    client,
  }) => {
    // 50 sign-ups from this address 20 minutes ago (the default SIGNUPS_PER_ADDRESS_PER_HOUR).
    const at = new Date(Date.now() - 20 * 60_000);
    e2eDb()
      .insert(signupAttempts)
      .values(Array.from({ length: 50 }, () => ({ ip: client.address, createdAt: at })))
      .run();
    const name = `Fifty First ${uniqueSuffix()}`;
    const email = `fifty-first-${uniqueSuffix()}@example.test`;
    const signUp = async () => {
      await page.goto("/signup");
      await page.getByLabel("Display name").fill(name);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("a perfectly fine passphrase");
      await page.getByRole("button", { name: "Create account" }).click();
    };
    await signUp();
    await expect(form(page, "Create account").getByRole("alert")).toHaveText(
      /^Too many new accounts from this address — try again in (39|40) minutes\.$/,
    );
    await expect(page.getByLabel("Display name")).toHaveValue(name);
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    expect(e2eDb().select({ id: users.id }).from(users).where(eq(users.email, email)).all()).toHaveLength(0);

    client.renew();
    await signUp();
    await expect(page).toHaveURL(/\/$/, { timeout: 20_000 });
    await expectSignedInAs(page, name);
  });

  test("sign-in returns to the callbackUrl, also by way of sign-up", async ({ page }) => {
    const user = await createUser();
    await page.goto("/signin?callbackUrl=%2Faccount");
    await signInThroughForm(page, user.email, user.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1, name: user.name })).toBeVisible();

    await page.context().clearCookies();
    const article = latestArticle();
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(`/articles/${article.slug}`)}`);
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Display name").fill(`Returning ${uniqueSuffix()}`);
    await page.getByLabel("Email").fill(`ret-${uniqueSuffix()}@example.test`);
    await page.getByLabel("Password").fill("a perfectly fine passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${article.slug}$`), { timeout: 20_000 });
  });

  for (const evil of ["//evil.example", "https://evil.example", "/\\evil.example"]) {
    test(`sign-in refuses the open redirect ${evil}`, async ({ page, baseURL }) => {
      const user = await createUser();
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(evil)}`);
      await signInThroughForm(page, user.email, user.password);
      await expectSignedInAs(page, user.name);
      expect(page.url()).toBe(`${baseURL}/`);
    });
  }

  test("/admin sends signed-out visitors to sign in", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin$/);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  });

  test("/admin is not found for a reader", async ({ readerPage }) => {
    const response = await readerPage.goto("/admin");
    expect(response?.status()).toBe(404);
    await expect(readerPage.getByRole("link", { name: "Moderation" })).toHaveCount(0);
  });

  test("/admin opens for a moderator, with the staff navigation", async ({ moderatorPage }) => {
    const response = await moderatorPage.goto("/admin");
    expect(response?.status()).toBe(200);
    const nav = moderatorPage.getByRole("navigation", { name: "Admin" });
    for (const name of ["Dashboard", "Moderation", "Users", "Log"]) {
      await expect(nav.getByRole("link", { name })).toBeVisible();
    }
  });

  test("a role change in the database applies on the next request, whatever the session token says", async ({
    page,
    moderator,
  }) => {
    await loginAs(page, moderator);
    expect((await page.goto("/admin"))?.status()).toBe(200);
    e2eDb().update(users).set({ role: "reader" }).where(eq(users.id, moderator.id)).run();
    expect((await page.goto("/admin"))?.status()).toBe(404);
  });

  test("a session cookie minted by the fixture is accepted", async ({ readerPage, reader }) => {
    await readerPage.goto("/account");
    await expect(readerPage.getByRole("heading", { level: 1, name: reader.name })).toBeVisible();
    await expectSignedInAs(readerPage, reader.name);
  });

  test("/account: change display name and password", async ({ readerPage, reader }) => {
    const page = readerPage;
    await page.goto("/account");
    const newName = `Renamed ${uniqueSuffix()}`;
    await page.getByLabel("Display name").fill(newName);
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(form(page, "Save name").getByRole("status")).toHaveText("Display name updated.");
    await expectSignedInAs(page, newName);

    await page.getByLabel("Display name").fill("admin");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(form(page, "Save name").getByRole("alert")).toContainText("reserved");

    const passwordForm = form(page, "Change password");
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(passwordForm.getByRole("alert")).toHaveText("Your current password is incorrect.");

    await page.getByLabel("Current password").fill(reader.password);
    await page.getByLabel("New password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(passwordForm.getByRole("status")).toHaveText("Password changed.");

    await page.context().clearCookies();
    await page.goto("/signin");
    await signInThroughForm(page, reader.email, "a brand new passphrase");
    await expectSignedInAs(page, newName);
  });

  test("a suspended or banned reader cannot rename themselves: told why in an alert, the typed name kept", async ({
    browser,
  }) => {
    // Issue 12, finding 9.
    const until = new Date(Date.now() + 3 * 24 * 3600_000);
    const cases = [
      {
        user: await createUser({ status: "suspended", suspendedUntil: until, statusReason: "Personal attacks" }),
        message:
          /^Your account is suspended until .+ UTC, so you can't change your display name\. Reason: Personal attacks$/,
      },
      {
        user: await createUser({ status: "banned", statusReason: "Spam accounts" }),
        message: /^Your account has been banned, so you can't change your display name\. Reason: Spam accounts$/,
      },
    ];
    for (const { user, message } of cases) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await loginAs(page, user);
      await page.goto("/account");
      const typed = `Fresh Start ${uniqueSuffix()}`;
      await page.getByLabel("Display name").fill(typed);
      await page.getByRole("button", { name: "Save name" }).click();
      await expect(form(page, "Save name").getByRole("alert")).toHaveText(message);
      await expect(page.getByLabel("Display name")).toHaveValue(typed);
      await expect(form(page, "Save name").getByRole("status")).toHaveCount(0);
      expect(e2eDb().select({ name: users.name }).from(users).where(eq(users.id, user.id)).get()?.name).toBe(user.name);
      await context.close();
    }
  });

  test("look-alike staff names are refused on rename, the typed name kept", async ({ readerPage: page, reader }) => {
    // Issue 12, finding 9: a Cyrillic а, a staff word among others, a Cyrillic ѕ.
    await page.goto("/account");
    for (const typed of ["\u0430dmin", "Moderator Team", "\u0455taff"]) {
      await page.getByLabel("Display name").fill(typed);
      await page.getByRole("button", { name: "Save name" }).click();
      await expect(form(page, "Save name").getByRole("alert")).toHaveText(
        "That display name is reserved. Choose another.",
      );
      await expect(page.getByLabel("Display name")).toHaveValue(typed);
    }
    expect(e2eDb().select({ name: users.name }).from(users).where(eq(users.id, reader.id)).get()?.name).toBe(
      reader.name,
    );
  });

  test("Download my data: profile and every comment, hidden ones included", async ({ readerPage, reader }) => {
    const article = createArticle();
    const shown = insertComment({ articleId: article.id, authorId: reader.id });
    const hidden = insertComment({ articleId: article.id, authorId: reader.id, status: "rejected" });
    const other = await createUser();
    insertComment({ articleId: article.id, authorId: other.id });

    await readerPage.goto("/account");
    await expect(readerPage.getByRole("heading", { name: /Your comments/ })).toBeVisible();
    const download = readerPage.waitForEvent("download");
    await readerPage.getByRole("link", { name: "Download my data" }).click();
    const file = await (await download).path();
    const data = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(data.profile).toMatchObject({ id: reader.id, name: reader.name, email: reader.email, role: "reader" });
    expect(data.profile.passwordHash).toBeUndefined();
    expect(JSON.stringify(data)).not.toContain("scrypt$");
    expect(data.comments.map((c: { id: number }) => c.id).sort()).toEqual([shown.id, hidden.id].sort());
    expect(data.comments.find((c: { id: number }) => c.id === hidden.id)).toMatchObject({ status: "rejected" });
  });

  test("Delete my account: needs the password, signs out, and comments show Deleted user", async ({
    readerPage,
    reader,
  }) => {
    const page = readerPage;
    const body = `A comment that outlives its author ${uniqueSuffix()}`;
    const article = createArticle();
    const comment = insertComment({ articleId: article.id, authorId: reader.id, body });

    await page.goto("/account");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/account\/delete$/);
    await page.getByLabel("Password").fill("not my password");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(form(page, "Delete my account").getByRole("alert")).toHaveText("That password is incorrect.");
    expect(e2eDb().select({ id: users.id }).from(users).where(eq(users.id, reader.id)).get()).toBeDefined();

    await page.getByLabel("Password").fill(reader.password);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/account\/deleted$/);
    await expect(header(page).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();

    expect(e2eDb().select({ id: users.id }).from(users).where(eq(users.id, reader.id)).get()).toBeUndefined();
    const row = e2eDb()
      .select({ authorId: comments.authorId, body: comments.body })
      .from(comments)
      .where(eq(comments.id, comment.id))
      .get();
    expect(row).toEqual({ authorId: null, body });

    await page.goto(article.url);
    const shown = page.locator(`#comment-${comment.id}`);
    await expect(shown).toContainText(body);
    await expect(shown).toContainText("Deleted user");
    await expect(shown).not.toContainText(reader.name);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-up, sign-out and sign-in work as plain forms", async ({ page }) => {
    const name = `Plain Reader ${uniqueSuffix()}`;
    const email = `plain-${uniqueSuffix()}@example.test`;
    await page.goto("/signup?callbackUrl=%2Faccount");
    await page.getByLabel("Display name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a perfectly fine passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
    await expectSignedInAs(page, name);

    await header(page).getByRole("button", { name: "Sign out" }).click();
    await expect(header(page).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();

    await page.goto("/signin?callbackUrl=%2Faccount");
    await signInThroughForm(page, email, "a perfectly fine passphrase");
    await expect(page).toHaveURL(/\/account$/);
    await expectSignedInAs(page, name);
  });

  test("wrong password shows the error in the form and keeps the email", async ({ page }) => {
    const user = await createUser();
    await page.goto("/signin");
    await signInThroughForm(page, user.email, "definitely wrong");
    await expect(form(page, "Sign in").getByRole("alert")).toHaveText(WRONG);
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
    await expect(page.getByLabel("Password")).toHaveValue("");
  });

  test("sign-up validation errors keep the typed values", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Display name").fill("Staff");
    await page.getByLabel("Email").fill("plain@example");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    const alert = form(page, "Create account").getByRole("alert");
    await expect(alert).toContainText("That display name is reserved.");
    await expect(alert).toContainText("Enter a valid email address");
    await expect(alert).toContainText("Use at least 10 characters");
    await expect(page.getByLabel("Display name")).toHaveValue("Staff");
    await expect(page.getByLabel("Email")).toHaveValue("plain@example");
  });

  test("account deletion works as a plain form", async ({ readerPage, reader }) => {
    const page = readerPage;
    await page.goto("/account");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByLabel("Password").fill(reader.password);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/account\/deleted$/);
    await expect(header(page).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    expect(e2eDb().select({ id: users.id }).from(users).where(eq(users.id, reader.id)).get()).toBeUndefined();
  });
});

test.describe("create-admin command", () => {
  // Each case starts a TypeScript process, migrates a fresh database and may hash with scrypt.
  test.describe.configure({ timeout: 90_000 });

  function tempDatabase(): string {
    return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-cli-")), "news.db");
  }

  async function createAdmin(databasePath: string, args: string[]) {
    try {
      const { stdout, stderr } = await run(
        path.resolve("node_modules/.bin/tsx"),
        ["scripts/create-admin.ts", ...args],
        {
          env: { ...process.env, DATABASE_PATH: databasePath },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  function readUser(databasePath: string, email: string) {
    const db = new Database(databasePath, { readonly: true });
    try {
      return db.prepare("SELECT name, role, password_hash AS hash FROM users WHERE email = ?").get(email) as
        { name: string; role: string; hash: string } | undefined;
    } finally {
      db.close();
    }
  }

  test("creates an admin, then promotes an existing reader", async () => {
    const file = tempDatabase();
    const created = await createAdmin(file, [
      "--email",
      "Chief@Example.test",
      "--password",
      "a long admin passphrase",
      "--name",
      "Chief Editor",
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Created admin chief@example.test");
    expect(readUser(file, "chief@example.test")).toMatchObject({ name: "Chief Editor", role: "admin" });
    expect(readUser(file, "chief@example.test")?.hash).toMatch(/^scrypt\$17\$8\$1\$/);

    const db = new Database(file);
    db.prepare(
      "INSERT INTO users (id, name, email, role) VALUES ('u1', 'Plain Reader', 'reader@example.test', 'reader')",
    ).run();
    db.close();
    const promoted = await createAdmin(file, ["--email", "reader@example.test"]);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain("Promoted reader@example.test from reader to admin");
    expect(readUser(file, "reader@example.test")).toMatchObject({ name: "Plain Reader", role: "admin" });
  });

  for (const { what, args, message } of [
    { what: "no email", args: ["--password", "a long admin passphrase"], message: "--email is required" },
    {
      what: "an invalid email",
      args: ["--email", "nope", "--password", "a long admin passphrase"],
      message: "Enter a valid email address",
    },
    {
      what: "a weak password",
      args: ["--email", "x@example.test", "--password", "short"],
      message: "at least 10 characters",
    },
    { what: "a new account without password", args: ["--email", "x@example.test"], message: "--password is required" },
    { what: "an unknown flag", args: ["--email", "x@example.test", "--force"], message: "Unknown argument: --force" },
  ]) {
    test(`refuses ${what} with a clear error and exit code 1`, async () => {
      const file = tempDatabase();
      const result = await createAdmin(file, args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain("Usage: npm run create-admin");
    });
  }
});
