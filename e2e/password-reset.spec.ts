import type { Page } from "@playwright/test";
import { createUser, expect, loginAs, test, type TestUser } from "./support/fixtures";
import { e2eDb, uniqueSuffix } from "./support/users";
import { linkIn, nthMailTo } from "./support/mail-links";

const SENT = "If an account exists for that email, we have sent a link to reset its password.";

async function requestReset(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  const form = page.getByRole("region", { name: "Forgot your password?" });
  await form.getByRole("textbox", { name: "Email" }).fill(email);
  await form.getByRole("button", { name: "Send reset link" }).click();
  await expect(form.getByRole("status")).toHaveText(SENT);
  // The typed address is kept.
  await expect(form.getByRole("textbox", { name: "Email" })).toHaveValue(email);
}

async function resetLinkFor(user: TestUser, nth = 1): Promise<string> {
  const mail = await nthMailTo(user.email, nth);
  expect(mail.subject).toBe("Reset your Broadsheet password");
  return linkIn(mail.text, "/reset-password");
}

function outboxCount(address: string): number {
  return (
    e2eDb().$client.prepare(`select count(*) as n from mail_outbox where to_address = ?`).get(address) as { n: number }
  ).n;
}

test.describe("password reset", () => {
  test("a reader resets a forgotten password from the mailed link and is signed in; other sessions end", async ({
    page,
    browser,
  }) => {
    const reader = await createUser();
    const elsewhere = await browser.newContext();
    await loginAs(elsewhere, reader);
    const other = await elsewhere.newPage();
    await other.goto("/account");
    await expect(other.getByRole("heading", { level: 1, name: reader.name })).toBeVisible();

    await requestReset(page, reader.email);
    const link = await resetLinkFor(reader);
    await page.goto(link);
    const panel = page.getByRole("region", { name: "Set a new password" });
    const newPassword = `a brand new secret ${uniqueSuffix()}`;
    await panel.getByLabel("New password", { exact: true }).fill(newPassword);
    await panel.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1, name: reader.name })).toBeVisible();

    // The session in the other browser ended with the reset.
    await other.goto("/account");
    await expect(other).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
    await elsewhere.close();

    // The new password signs in; the old one no longer does.
    await page.context().clearCookies();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(reader.email);
    await page.getByLabel("Password", { exact: true }).fill(reader.password);
    const signIn = page.getByRole("region", { name: "Sign in" });
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await expect(signIn.getByRole("alert")).toHaveText("Email or password is incorrect.");
    await signIn.getByLabel("Password").fill(newPassword);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: reader.name })).toBeVisible();
  });

  test("a used link is refused and offers a new one", async ({ page, browser }) => {
    const reader = await createUser();
    await requestReset(page, reader.email);
    const link = await resetLinkFor(reader);
    // A second tab opened the link before the first used it.
    const secondContext = await browser.newContext();
    const second = await secondContext.newPage();
    await second.goto(link);

    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill(`first new secret ${uniqueSuffix()}`);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(/\/account$/);

    const secondPanel = second.getByRole("region", { name: "Set a new password" });
    await secondPanel.getByLabel("New password", { exact: true }).fill(`second new secret ${uniqueSuffix()}`);
    await secondPanel.getByRole("button", { name: "Set new password" }).click();
    await expect(secondPanel.getByRole("alert")).toHaveText("This password reset link has already been used.");
    await secondContext.close();

    await page.context().clearCookies();
    await page.goto(link);
    const panel = page.getByRole("region", { name: "Set a new password" });
    await expect(panel.getByRole("alert")).toHaveText("This password reset link has already been used.");
    await expect(panel.getByLabel("New password", { exact: true })).toHaveCount(0);
    await panel.getByRole("link", { name: "Send me a new link" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
  });

  test("a forged or expired link says so", async ({ page }) => {
    await page.goto("/reset-password?token=not-a-real-token");
    const panel = page.getByRole("region", { name: "Set a new password" });
    await expect(panel.getByRole("alert")).toHaveText(
      "This password reset link is not valid. Check that you copied all of it.",
    );

    const reader = await createUser();
    await requestReset(page, reader.email);
    const link = await resetLinkFor(reader);
    e2eDb()
      .$client.prepare(`update email_tokens set expires_at = ? where user_id = ? and purpose = 'reset'`)
      .run(Date.now() - 1000, reader.id);
    await page.goto(link);
    await expect(panel.getByRole("alert")).toHaveText("This password reset link has expired.");
    await expect(panel.getByRole("link", { name: "Send me a new link" })).toHaveAttribute("href", "/forgot-password");
  });

  test("an unknown email gets the same answer and no mail; the database keeps only a hash", async ({ page }) => {
    const unknown = `nobody-${uniqueSuffix()}@example.test`;
    await requestReset(page, unknown);
    expect(outboxCount(unknown)).toBe(0);

    const reader = await createUser();
    await requestReset(page, reader.email);
    const link = await resetLinkFor(reader);
    const token = new URL(link, "http://x").searchParams.get("token")!;
    const stored = e2eDb().$client.prepare(`select token_hash from email_tokens where user_id = ?`).all(reader.id) as {
      token_hash: string;
    }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
  });

  test("the new password follows the sign-up rules and is never echoed back", async ({ page }) => {
    const reader = await createUser();
    await requestReset(page, reader.email);
    await page.goto(await resetLinkFor(reader));
    const panel = page.getByRole("region", { name: "Set a new password" });
    await panel.getByLabel("New password", { exact: true }).fill("short");
    await panel.getByRole("button", { name: "Set new password" }).click();
    await expect(panel.getByRole("alert")).toContainText("Use at least");
    await expect(panel.getByLabel("New password", { exact: true })).toHaveValue("");
  });

  test("Sign out everywhere ends another browser's session, and this one", async ({ page, browser }) => {
    const reader = await createUser();
    await loginAs(page, reader);
    const elsewhere = await browser.newContext();
    await loginAs(elsewhere, reader);
    const other = await elsewhere.newPage();
    await other.goto("/account");
    await expect(other.getByRole("heading", { level: 1, name: reader.name })).toBeVisible();

    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);

    await other.reload();
    await expect(other).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
    await elsewhere.close();
  });

  test("changing the password keeps this session and ends the others", async ({ page, browser }) => {
    const reader = await createUser();
    await loginAs(page, reader);
    const elsewhere = await browser.newContext();
    await loginAs(elsewhere, reader);
    const other = await elsewhere.newPage();
    await other.goto("/account");
    await expect(other.getByRole("heading", { level: 1, name: reader.name })).toBeVisible();

    await page.goto("/account");
    const card = page.getByRole("region", { name: "Password" });
    await card.getByLabel("Current password").fill(reader.password);
    await card.getByLabel("New password", { exact: true }).fill(`changed secret ${uniqueSuffix()}`);
    await card.getByRole("button", { name: "Change password" }).click();
    await expect(card.getByRole("status")).toHaveText("Password changed.");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: reader.name })).toBeVisible();

    await other.reload();
    await expect(other).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
    await elsewhere.close();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the reset works as plain forms", async ({ page }) => {
      const reader = await createUser();
      await requestReset(page, reader.email);
      await page.goto(await resetLinkFor(reader));
      const panel = page.getByRole("region", { name: "Set a new password" });
      await panel.getByLabel("New password", { exact: true }).fill("short");
      await panel.getByRole("button", { name: "Set new password" }).click();
      await expect(panel.getByRole("alert")).toContainText("Use at least");
      await panel.getByLabel("New password", { exact: true }).fill(`no script secret ${uniqueSuffix()}`);
      await panel.getByRole("button", { name: "Set new password" }).click();
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByRole("heading", { level: 1, name: reader.name })).toBeVisible();
    });

    test("Sign out everywhere works as a plain form", async ({ page }) => {
      const reader = await createUser();
      await loginAs(page, reader);
      await page.goto("/account");
      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await expect(page).toHaveURL(/\/signin$/);
      await page.goto("/account");
      await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
    });
  });
});
