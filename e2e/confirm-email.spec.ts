import type { Page } from "@playwright/test";
import { createUser, expect, loginAs, test } from "./support/fixtures";
import { e2eDb, uniqueSuffix } from "./support/users";
import { linkIn, nthMailTo } from "./support/mail-links";

function emailVerified(userId: string): number | null {
  return (
    e2eDb().$client.prepare(`select emailVerified as v from users where id = ?`).get(userId) as { v: number | null }
  ).v;
}

function userIdByEmail(email: string): string {
  return (e2eDb().$client.prepare(`select id from users where email = ?`).get(email) as { id: string }).id;
}

async function openConfirmation(page: Page, link: string, expected: string) {
  await page.goto(link);
  const panel = page.getByRole("region", { name: "Confirm your email" });
  await panel.getByRole("button", { name: "Confirm my email" }).click();
  await expect(panel.getByRole("status")).toHaveText(expected);
}

test.describe("confirmed addresses", () => {
  test("sign-up mails a confirmation link; the link confirms the address once", async ({ page }) => {
    const email = `joiner-${uniqueSuffix()}@example.test`;
    await page.goto("/signup");
    await page.getByLabel("Display name").fill(`Joiner ${uniqueSuffix()}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`a long enough secret ${uniqueSuffix()}`);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/$/);

    await page.goto("/account");
    const card = page.getByRole("region", { name: "Email", exact: true });
    await expect(card.getByTestId("email-confirmation")).toContainText("is not confirmed yet");
    await expect(card.getByRole("button", { name: "Send confirmation again" })).toBeVisible();

    const mail = await nthMailTo(email);
    expect(mail.subject).toBe("Confirm your email for Broadsheet");
    const link = linkIn(mail.text, "/confirm-email");
    await openConfirmation(page, link, `Thank you: ${email} is confirmed.`);
    expect(emailVerified(userIdByEmail(email))).not.toBeNull();

    await page.goto("/account");
    await expect(card.getByTestId("email-confirmation")).toHaveText(`Your email ${email} is confirmed.`);
    await expect(card.getByRole("button", { name: "Send confirmation again" })).toHaveCount(0);

    await page.goto(link);
    await expect(page.getByRole("region", { name: "Confirm your email" }).getByRole("alert")).toHaveText(
      "This confirmation link has already been used.",
    );
  });

  test("Send confirmation again mails a new link that works signed out", async ({ page }) => {
    const reader = await createUser();
    await loginAs(page, reader);
    await page.goto("/account");
    const card = page.getByRole("region", { name: "Email", exact: true });
    await card.getByRole("button", { name: "Send confirmation again" }).click();
    await expect(card.getByRole("status")).toHaveText(`We have sent a confirmation link to ${reader.email}.`);
    const link = linkIn((await nthMailTo(reader.email)).text, "/confirm-email");
    await page.context().clearCookies();
    await openConfirmation(page, link, `Thank you: ${reader.email} is confirmed.`);
    expect(emailVerified(reader.id)).not.toBeNull();
  });

  test("changing the email needs the password, tells the old address, and takes effect when confirmed", async ({
    page,
  }) => {
    const reader = await createUser();
    const newEmail = `moved-${uniqueSuffix()}@example.test`;
    await loginAs(page, reader);
    await page.goto("/account");
    const card = page.getByRole("region", { name: "Email", exact: true });
    await card.getByLabel("New email").fill(newEmail);
    await card.getByLabel("Password", { exact: true }).fill("not my password");
    await card.getByRole("button", { name: "Change email" }).click();
    await expect(card.getByRole("alert")).toHaveText("That password is incorrect.");
    await expect(card.getByLabel("New email")).toHaveValue(newEmail);
    await expect(card.getByLabel("Password", { exact: true })).toHaveValue("");

    await card.getByLabel("Password", { exact: true }).fill(reader.password);
    await card.getByRole("button", { name: "Change email" }).click();
    await expect(card.getByRole("status")).toHaveText(
      `We have sent a link to ${newEmail}. Your email changes when you open it.`,
    );
    const notice = await nthMailTo(reader.email);
    expect(notice.text).toContain(newEmail);
    await page.reload();
    await expect(page.getByText(`Waiting for you to open the link we sent to ${newEmail}.`)).toBeVisible();
    expect(
      (e2eDb().$client.prepare(`select email from users where id = ?`).get(reader.id) as { email: string }).email,
    ).toBe(reader.email);

    const link = linkIn((await nthMailTo(newEmail)).text, "/confirm-email");
    await openConfirmation(page, link, `Your email is now ${newEmail}.`);
    await page.goto("/account");
    await expect(card.getByTestId("email-confirmation")).toHaveText(`Your email ${newEmail} is confirmed.`);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("resending and confirming work as plain forms", async ({ page }) => {
      const reader = await createUser();
      await loginAs(page, reader);
      await page.goto("/account");
      const card = page.getByRole("region", { name: "Email", exact: true });
      await card.getByRole("button", { name: "Send confirmation again" }).click();
      await expect(card.getByRole("status")).toHaveText(`We have sent a confirmation link to ${reader.email}.`);
      const link = linkIn((await nthMailTo(reader.email)).text, "/confirm-email");
      await openConfirmation(page, link, `Thank you: ${reader.email} is confirmed.`);
      expect(emailVerified(reader.id)).not.toBeNull();
    });
  });
});
