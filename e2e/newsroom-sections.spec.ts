/**
 * /admin/sections: add, rename, reorder, hide and show, followed by the site's
 * navigation for anonymous readers. Each test works on sections of its own.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createArticle } from "./support/content";
import { uniqueSuffix } from "./support/users";

async function addSection(page: Page, name: string) {
  const form = page.getByRole("form", { name: "Add a section" });
  await form.getByLabel("Section name").fill(name);
  await form.getByRole("button", { name: "Add section" }).click();
  await expect(form.getByRole("status")).toHaveText(`Section “${name}” added.`);
}

function sectionItem(page: Page, name: string) {
  return page.getByRole("listitem", { name, exact: true });
}

/** The names in an anonymous reader's header navigation, in order. */
async function navNames(reader: Page): Promise<string[]> {
  await reader.goto("/");
  const names = await reader.getByRole("navigation", { name: "Sections" }).getByRole("link").allInnerTexts();
  return names.map((n) => n.trim());
}

async function anonymousPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.describe("sections", () => {
  test("add, rename, reorder, hide and show follow into the navigation", async ({ adminPage: page, browser }) => {
    // Eight page loads in two browsers on a shared machine.
    test.slow();
    const reader = await anonymousPage(browser);
    const suffix = uniqueSuffix();
    const first = `Weather ${suffix}`;
    const second = `Travel ${suffix}`;
    await page.goto("/admin/sections");
    await addSection(page, first);
    await addSection(page, second);
    let names = await navNames(reader);
    expect(names.indexOf(first)).toBeGreaterThan(-1);
    expect(names.indexOf(second)).toBeGreaterThan(names.indexOf(first));

    await sectionItem(page, second).getByRole("button", { name: "Move up" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Order saved." })).toBeVisible();
    names = await navNames(reader);
    expect(names.indexOf(second)).toBe(names.indexOf(first) - 1);

    const renamed = `Climate ${suffix}`;
    const item = sectionItem(page, first);
    await item.getByRole("textbox").fill(renamed);
    await item.getByRole("button", { name: "Rename" }).click();
    await expect(sectionItem(page, renamed).getByRole("status")).toHaveText(`Renamed “${first}” to “${renamed}”.`);
    await page.reload();
    names = await navNames(reader);
    expect(names).toContain(renamed);
    expect(names).not.toContain(first);

    await sectionItem(page, renamed).getByRole("button", { name: "Hide" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Section hidden" })).toBeVisible();
    expect(await navNames(reader)).not.toContain(renamed);

    await sectionItem(page, renamed).getByRole("button", { name: "Show" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Section shown" })).toBeVisible();
    expect(await navNames(reader)).toContain(renamed);

    // The section's own page answers under its new address.
    await reader.goto(`/sections/climate-${suffix.toLowerCase()}`);
    await expect(reader.getByRole("heading", { level: 1 })).toHaveText(renamed);
    await reader.context().close();
  });

  test("a refused name says why in the form and keeps what was typed", async ({ adminPage: page }) => {
    await page.goto("/admin/sections");
    const form = page.getByRole("form", { name: "Add a section" });
    await form.getByLabel("Section name").fill("politics");
    await form.getByRole("button", { name: "Add section" }).click();
    await expect(form.getByRole("alert")).toHaveText("A section named “Politics” already uses that name or address.");
    await expect(form.getByLabel("Section name")).toHaveValue("politics");
  });

  test("a section with stories can be hidden but not deleted; an empty one can be deleted", async ({
    adminPage: page,
  }) => {
    const suffix = uniqueSuffix();
    const busy = `Letters ${suffix}`;
    const empty = `Puzzles ${suffix}`;
    await page.goto("/admin/sections");
    await addSection(page, busy);
    await addSection(page, empty);
    createArticle({ section: busy });
    await page.reload();
    await expect(sectionItem(page, busy).getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(sectionItem(page, busy).getByRole("button", { name: "Hide" })).toBeVisible();
    await sectionItem(page, empty).getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Section deleted." })).toBeVisible();
    await expect(sectionItem(page, empty)).toHaveCount(0);
  });

  test("passes axe", async ({ adminPage: page }) => {
    await page.goto("/admin/sections");
    await expect(page.getByRole("heading", { level: 1, name: "Sections" })).toBeVisible();
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });

  test("a moderator gets 404", async ({ moderatorPage: page }) => {
    const response = await page.goto("/admin/sections");
    expect(response?.status()).toBe(404);
  });
});

test.describe("sections without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("adding a section works as a plain form", async ({ adminPage: page, browser }) => {
    const name = `Obituaries ${uniqueSuffix()}`;
    await page.goto("/admin/sections");
    await addSection(page, name);
    const reader = await anonymousPage(browser);
    expect(await navNames(reader)).toContain(name);
    await reader.context().close();
  });
});
