import { createUser, expect, test } from "./support/fixtures";
import { countPending, countReported, insertReport } from "./support/moderation-data";
import { createArticle, insertComment } from "./support/content";

test.describe("the moderation log", () => {
  test("one row per decision, newest first: moderator, action, target, reason, time; filters narrow it", async ({
    moderatorPage: page,
    moderator,
  }) => {
    const author = await createUser();
    const article = createArticle();
    const first = insertComment({
      articleId: article.id,
      authorId: author.id,
      body: `First of two ${Date.now()}`,
      status: "pending",
    });
    const second = insertComment({
      articleId: article.id,
      authorId: author.id,
      body: `Second of two ${Date.now()}`,
      status: "pending",
    });

    await page.goto("/admin/moderation?queue=pending");
    await page.getByRole("listitem").filter({ hasText: first.body }).getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Approved 1 comment." })).toBeVisible();
    const item = page.getByRole("listitem").filter({ hasText: second.body });
    await item.getByRole("textbox", { name: "Reason" }).fill("Insults another reader");
    await item.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Rejected 1 comment." })).toBeVisible();

    await page.goto(`/admin/log?moderator=${moderator.id}`);
    const table = page.getByRole("table");
    await expect(table.getByRole("columnheader")).toHaveText(["Moderator", "Action", "Target", "Reason", "Time"]);
    const rows = table.getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1).getByRole("cell")).toHaveText([
      moderator.name,
      "Rejected",
      `comment #${second.id} “${second.body}”`,
      "Insults another reader",
      /UTC$/,
    ]);
    await expect(rows.nth(2).getByRole("cell").nth(1)).toHaveText("Approved");
    await expect(rows.nth(2).getByRole("cell").nth(2)).toContainText(first.body);

    await page.getByLabel("Action").selectOption("approve");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("table").getByRole("row").nth(1)).toContainText(first.body);

    await page.goto("/admin/log");
    await page.getByLabel("Target", { exact: true }).fill(second.body.slice(0, 20));
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByRole("table").getByRole("row").nth(1)).toContainText(second.body);
    await expect(page.getByRole("table").getByRole("row").filter({ hasText: first.body })).toHaveCount(0);

    // No way to edit or delete an entry.
    await expect(page.getByRole("button", { name: /edit|delete/i })).toHaveCount(0);
  });
});

test.describe("dashboard", () => {
  test("pending and reported counts, comments today, most discussed articles", async ({ moderatorPage: page }) => {
    const author = await createUser();
    const article = createArticle({ title: `The most argued-over bridge ${Date.now()}` });
    for (let i = 0; i < 40; i++) insertComment({ articleId: article.id, authorId: author.id, status: "approved" });
    const reported = insertComment({ articleId: article.id, authorId: author.id, status: "approved" });
    insertReport({ commentId: reported.id, userId: (await createUser()).id, reason: "abuse" });
    insertComment({ articleId: article.id, authorId: author.id, status: "pending" });

    const before = { pending: countPending(), reported: countReported() };
    await page.goto("/admin");
    const after = { pending: countPending(), reported: countReported() };
    // Other specs add and decide comments in parallel: the page's figure lies between the counts taken either side.
    const shown = async (label: string) =>
      Number(
        await page
          .getByRole("link", { name: new RegExp(`^${label}`) })
          .locator("span")
          .nth(1)
          .innerText(),
      );
    const pending = await shown("Pending");
    expect(pending).toBeGreaterThanOrEqual(Math.min(before.pending, after.pending));
    expect(pending).toBeLessThanOrEqual(Math.max(before.pending, after.pending));
    const reportedShown = await shown("Reported");
    expect(reportedShown).toBeGreaterThanOrEqual(Math.min(before.reported, after.reported));
    expect(reportedShown).toBeLessThanOrEqual(Math.max(before.reported, after.reported));
    expect(Number(await page.getByTestId("today-count").innerText())).toBeGreaterThanOrEqual(42);

    const discussed = page.getByRole("region", { name: "Most discussed this week" });
    const row = discussed.getByRole("row").filter({ hasText: article.title });
    await expect(row).toBeVisible();
    await expect(row.getByRole("cell").nth(1)).toHaveText("42");
    await expect(row.getByRole("link", { name: article.title })).toHaveAttribute(
      "href",
      `/admin/articles/${article.slug}`,
    );
  });
});
