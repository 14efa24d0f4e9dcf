import type { Page } from "@playwright/test";
import { createUser, expect, loginAs, test } from "./support/fixtures";
import { logFor, readUser } from "./support/moderation-data";
import { createArticle } from "./support/content";

async function openUser(page: Page, name: string) {
  await page.goto("/admin/users");
  await page.getByRole("searchbox", { name: "Search" }).fill(name);
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test.describe("people", () => {
  test("search finds a reader by name or by email", async ({ moderatorPage: page }) => {
    const reader = await createUser({ name: `Harriet Quill ${Date.now().toString(36)}` });
    await page.goto("/admin/users");
    await page.getByRole("searchbox", { name: "Search" }).fill(reader.name.toUpperCase());
    await page.getByRole("searchbox", { name: "Search" }).press("Enter");
    await expect(page.getByRole("link", { name: reader.name })).toHaveAttribute("href", `/admin/users/${reader.id}`);

    await page.getByRole("searchbox", { name: "Search" }).fill(reader.email);
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByRole("link", { name: reader.name })).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(2);
  });

  test("a moderator suspends a reader for 7 days; the reader sees why and until when; Lift restores", async ({
    moderatorPage: page,
    moderator,
    browser,
  }) => {
    const reader = await createUser();
    const article = createArticle();
    await openUser(page, reader.name);
    const suspend = page.getByRole("form", { name: "Suspend" });

    // A reason is required, and shown as an error inside the form.
    await suspend.getByRole("radio", { name: "7 days" }).check();
    await suspend.getByRole("textbox", { name: "Reason" }).fill("   ");
    await suspend.getByRole("button", { name: "Suspend" }).click();
    await expect(suspend.getByText("Give a reason: the reader will see it.")).toBeVisible();
    expect(readUser(reader.id).status).toBe("active");

    await suspend.getByRole("radio", { name: "7 days" }).check();
    await suspend.getByRole("textbox", { name: "Reason" }).fill("Repeated insults in the transport thread");
    await suspend.getByRole("button", { name: "Suspend" }).click();
    await expect(suspend.getByRole("status")).toContainText(`${reader.name} is suspended until`);
    const row = readUser(reader.id);
    expect(row.status).toBe("suspended");
    expect(row.status_reason).toBe("Repeated insults in the transport thread");
    const days = ((row.suspended_until ?? 0) - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.01);
    expect(logFor("user", reader.id)[0]).toMatchObject({ actor_id: moderator.id, action: "suspend" });

    // Moderators do not ban or change roles.
    await expect(page.getByRole("form", { name: "Ban" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Make moderator" })).toHaveCount(0);

    const readerContext = await browser.newContext();
    await loginAs(readerContext, reader);
    const readerPage = await readerContext.newPage();
    await readerPage.goto(`/articles/${article.slug}`);
    await expect(readerPage.getByText(/suspended/i).first()).toBeVisible();
    await expect(readerPage.getByText("Repeated insults in the transport thread")).toBeVisible();
    await expect(readerPage.getByRole("textbox", { name: "Comment" })).toHaveCount(0);

    await page.getByRole("form", { name: "Lift" }).getByRole("button", { name: "Lift" }).click();
    await expect(page.getByRole("form", { name: "Lift" }).getByRole("status")).toContainText("can take part again");
    expect(readUser(reader.id).status).toBe("active");
    await readerPage.reload();
    await expect(readerPage.getByRole("textbox", { name: "Comment" })).toBeVisible();
    await readerContext.close();
  });

  test("an admin bans a reader with a reason; the reader sees they are banned and why", async ({
    adminPage: page,
    admin,
    browser,
  }) => {
    const reader = await createUser();
    const article = createArticle();
    await openUser(page, reader.name);
    const ban = page.getByRole("form", { name: "Ban" });
    await ban.getByRole("button", { name: "Ban" }).click();
    // The browser's own required check stops an empty reason before it is sent.
    expect(readUser(reader.id).status).toBe("active");
    await ban.getByRole("textbox", { name: "Reason" }).fill("Spam accounts run by the same person");
    await ban.getByRole("button", { name: "Ban" }).click();
    await expect(ban.getByRole("status")).toContainText(`${reader.name} is banned.`);
    expect(readUser(reader.id)).toMatchObject({
      status: "banned",
      status_reason: "Spam accounts run by the same person",
    });
    expect(logFor("user", reader.id)[0]).toMatchObject({ actor_id: admin.id, action: "ban" });

    const readerContext = await browser.newContext();
    await loginAs(readerContext, reader);
    const readerPage = await readerContext.newPage();
    await readerPage.goto(`/articles/${article.slug}`);
    await expect(readerPage.getByText(/banned/i).first()).toBeVisible();
    await expect(readerPage.getByText("Spam accounts run by the same person")).toBeVisible();
    await expect(readerPage.getByRole("textbox", { name: "Comment" })).toHaveCount(0);
    await readerContext.close();

    await page.getByRole("form", { name: "Lift" }).getByRole("button", { name: "Lift" }).click();
    await expect(page.getByRole("form", { name: "Lift" }).getByRole("status")).toBeVisible();
    expect(readUser(reader.id).status).toBe("active");
  });

  test("an admin makes a reader a moderator and back; the role takes effect at once", async ({
    adminPage: page,
    browser,
  }) => {
    const reader = await createUser();
    const readerContext = await browser.newContext();
    await loginAs(readerContext, reader);
    const readerPage = await readerContext.newPage();
    const notFound = await readerPage.goto("/admin/moderation");
    expect(notFound?.status()).toBe(404);

    await openUser(page, reader.name);
    await page.getByRole("button", { name: "Make moderator" }).click();
    await expect(page.getByRole("form", { name: "Role" }).getByRole("status")).toContainText("is now a moderator");
    expect(readUser(reader.id).role).toBe("moderator");
    const ok = await readerPage.goto("/admin/moderation");
    expect(ok?.status()).toBe(200);
    await expect(readerPage.getByRole("heading", { name: "Moderation", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Make admin" }).click();
    await expect(page.getByRole("form", { name: "Role" }).getByRole("status")).toContainText("is now an admin");
    expect(readUser(reader.id).role).toBe("admin");

    await page.getByRole("button", { name: "Make reader" }).click();
    await expect(page.getByRole("form", { name: "Role" }).getByRole("status")).toContainText("is now a reader");
    expect(readUser(reader.id).role).toBe("reader");
    const again = await readerPage.goto("/admin/moderation");
    expect(again?.status()).toBe(404);
    await readerContext.close();
    expect(logFor("user", reader.id).map((r) => r.reason)).toEqual([
      "admin → reader",
      "moderator → admin",
      "reader → moderator",
    ]);
  });

  test("an admin makes a reader a writer, then an editor: the staff area opens to the story list, then to moderation too", async ({
    adminPage: page,
    browser,
  }) => {
    const reader = await createUser();
    const readerContext = await browser.newContext();
    await loginAs(readerContext, reader);
    const readerPage = await readerContext.newPage();
    expect((await readerPage.goto("/admin/articles"))?.status()).toBe(404);

    await openUser(page, reader.name);
    await page.getByRole("button", { name: "Make writer" }).click();
    await expect(page.getByRole("form", { name: "Role" }).getByRole("status")).toContainText("is now a writer");
    expect(readUser(reader.id).role).toBe("writer");
    // A writer writes stories but has no moderation powers.
    expect((await readerPage.goto("/admin/articles"))?.status()).toBe(200);
    expect((await readerPage.goto("/admin/moderation"))?.status()).toBe(404);
    const admin = readerPage.getByRole("navigation", { name: "Admin" });
    await readerPage.goto("/admin/articles");
    await expect(admin.getByRole("link", { name: "Stories" })).toBeVisible();
    await expect(admin.getByRole("link", { name: "Moderation" })).toHaveCount(0);

    await page.getByRole("button", { name: "Make editor" }).click();
    await expect(page.getByRole("form", { name: "Role" }).getByRole("status")).toContainText("is now an editor");
    expect(readUser(reader.id).role).toBe("editor");
    expect((await readerPage.goto("/admin/moderation"))?.status()).toBe(200);
    await expect(admin.getByRole("link", { name: "Sections" })).toBeVisible();
    await expect(admin.getByRole("link", { name: "Settings" })).toHaveCount(0);
    await readerContext.close();
    expect(logFor("user", reader.id).map((r) => r.reason)).toEqual(["writer → editor", "reader → writer"]);
  });

  test("a moderator cannot suspend another moderator", async ({ moderatorPage: page }) => {
    const other = await createUser({ role: "moderator" });
    await openUser(page, other.name);
    await expect(page.getByRole("form", { name: "Suspend" }).getByRole("button", { name: "Suspend" })).toBeDisabled();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("suspend with a reason and lift work as plain forms", async ({ moderatorPage: page }) => {
      const reader = await createUser();
      await openUser(page, reader.name);
      const suspend = page.getByRole("form", { name: "Suspend" });
      await suspend.getByRole("radio", { name: "30 days" }).check();
      await suspend.getByRole("textbox", { name: "Reason" }).fill("Cooling-off period");
      await suspend.getByRole("button", { name: "Suspend" }).click();
      await expect(page.getByRole("form", { name: "Suspend" }).getByRole("status")).toContainText("is suspended until");
      const row = readUser(reader.id);
      expect(row.status).toBe("suspended");
      expect(((row.suspended_until ?? 0) - Date.now()) / 86400_000).toBeGreaterThan(29.9);

      await page.getByRole("form", { name: "Lift" }).getByRole("button", { name: "Lift" }).click();
      await expect(page.getByRole("form", { name: "Lift" }).getByRole("status")).toContainText("can take part again");
      expect(readUser(reader.id).status).toBe("active");
    });
  });
});
