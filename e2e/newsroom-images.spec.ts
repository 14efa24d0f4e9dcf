/**
 * Lead images: uploaded on a story's admin page with JavaScript on and off,
 * refused by content with the typed text kept, and shown to readers with
 * srcset, intrinsic size, alt text and credit.
 */
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { test, expect } from "./support/fixtures";
import { createArticle } from "./support/content";

async function photo(width = 1800, height = 1200): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: 30, g: 80 + Math.floor(Math.random() * 100), b: 140 } },
  })
    .jpeg()
    .toBuffer();
}

async function fillImageForm(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  description: string,
  credit: string,
) {
  const form = page.getByRole("form", { name: "Story" });
  await form.getByLabel("Image", { exact: true }).setInputFiles(file);
  await form.getByLabel("Image description").fill(description);
  await form.getByLabel("Image credit").fill(credit);
  await form.getByRole("button", { name: "Update" }).click();
  return form;
}

test.describe("lead images", () => {
  test("an editor uploads a lead image; readers see it with alt text and credit", async ({
    adminPage: page,
    browser,
  }) => {
    const article = createArticle();
    await page.goto(`/admin/articles/${article.slug}`);
    const description = "Commuters boarding the early ferry under a grey sky";
    const form = await fillImageForm(
      page,
      { name: "ferry.jpg", mimeType: "image/jpeg", buffer: await photo() },
      description,
      "Photo: Ines Marr",
    );
    await expect(form.getByRole("status")).toHaveText("Updated.");

    const reader = await (await browser.newContext()).newPage();
    await reader.goto(article.url);
    const figure = reader.locator("article.story figure");
    const image = figure.getByRole("img", { name: description });
    await expect(image).toBeVisible();
    await expect(image).toHaveAttribute("width", "1600");
    await expect(image).toHaveAttribute("height", "1067");
    await expect(image).toHaveAttribute(
      "srcset",
      /\/media\/[0-9a-f]{32}-480\.webp 480w, .*-960\.webp 960w, .*-1600\.webp 1600w/,
    );
    await expect(figure.locator("figcaption")).toHaveText("Photo: Ines Marr");
    // The browser loaded a real image of the stored size.
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    const src = await image.getAttribute("src");
    const response = await reader.request.get(src!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/webp");
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    // The anonymous article is still the cached page.
    const head = await reader.request.get(article.url);
    expect(head.headers()["cache-control"]).toMatch(/^public, s-maxage=/);
    await reader.context().close();
  });

  test("a file that is not an image is refused with the typed text kept", async ({ adminPage: page }) => {
    const article = createArticle();
    await page.goto(`/admin/articles/${article.slug}`);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    const form = await fillImageForm(
      page,
      { name: "holiday.jpg", mimeType: "image/jpeg", buffer: svg },
      "A beach at noon",
      "Photo: Someone",
    );
    await expect(form.getByRole("alert").filter({ hasText: "not a JPEG, PNG or WebP" })).toBeVisible();
    await expect(form.getByLabel("Image description")).toHaveValue("A beach at noon");
    await expect(form.getByLabel("Image credit")).toHaveValue("Photo: Someone");
    await page.goto(article.url);
    await expect(page.locator("article.story figure")).toHaveCount(0);
  });

  test("a description is required with an image", async ({ adminPage: page }) => {
    const article = createArticle();
    await page.goto(`/admin/articles/${article.slug}`);
    const form = page.getByRole("form", { name: "Story" });
    await form
      .getByLabel("Image", { exact: true })
      .setInputFiles({ name: "p.jpg", mimeType: "image/jpeg", buffer: await photo(600, 400) });
    await form.getByLabel("Image description").fill("   ");
    await form.getByRole("button", { name: "Update" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "Describe the image" })).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the upload works as a plain multipart form", async ({ adminPage: page }) => {
      const article = createArticle();
      await page.goto(`/admin/articles/${article.slug}`);
      const form = await fillImageForm(
        page,
        {
          name: "market.png",
          mimeType: "image/png",
          buffer: await sharp({ create: { width: 700, height: 500, channels: 3, background: "#a0522d" } })
            .png()
            .toBuffer(),
        },
        "Stalls at the Saturday market",
        "Photo: Kit Boyd",
      );
      await expect(form.getByRole("status")).toHaveText("Updated.");
      await page.goto(article.url);
      await expect(
        page.locator("article.story figure").getByRole("img", { name: "Stalls at the Saturday market" }),
      ).toHaveAttribute("width", "700");
    });

    test("a refused file says why", async ({ adminPage: page }) => {
      const article = createArticle();
      await page.goto(`/admin/articles/${article.slug}`);
      const html = Buffer.from("<!doctype html><title>x</title><p>renamed</p>");
      const form = await fillImageForm(
        page,
        { name: "photo.jpg", mimeType: "image/jpeg", buffer: html },
        "Renamed page",
        "",
      );
      await expect(form.getByRole("alert").filter({ hasText: "not a JPEG, PNG or WebP" })).toBeVisible();
      await expect(form.getByLabel("Image description")).toHaveValue("Renamed page");
    });
  });

  test("a moderator gets no image form, and the media route serves only its own names", async ({
    moderatorPage: page,
  }) => {
    const article = createArticle();
    await page.goto(`/admin/articles/${article.slug}`);
    await expect(page.getByRole("heading", { name: article.title })).toBeVisible();
    await expect(page.getByRole("form", { name: "Story" })).toHaveCount(0);
    for (const path of [
      "/media/..%2f..%2fpackage.json",
      "/media/%2e%2e%2fpackage.json",
      "/media/x.webp",
      "/media/package.json",
    ]) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }
  });
});
