/**
 * Playwright `test` with ready-made users. Import `test` and `expect` from
 * here instead of @playwright/test:
 *
 *   test("posts a comment", async ({ readerPage, reader }) => { ... })
 *
 * `reader`/`writer`/`moderator`/`editor`/`admin` are fresh users per test;
 * `readerPage`, `writerPage`, `moderatorPage`, `editorPage`, `adminPage` (and
 * `signedInPage`, an alias of readerPage) are the test's page already signed
 * in as that user.
 */
import { test as base, expect, type Page } from "@playwright/test";
import { createUser, loginAs, type TestUser } from "./users";

type Fixtures = {
  reader: TestUser;
  writer: TestUser;
  moderator: TestUser;
  editor: TestUser;
  admin: TestUser;
  readerPage: Page;
  signedInPage: Page;
  writerPage: Page;
  moderatorPage: Page;
  editorPage: Page;
  adminPage: Page;
};

export const test = base.extend<Fixtures>({
  reader: async ({}, provide) => provide(await createUser({ role: "reader" })),
  writer: async ({}, provide) => provide(await createUser({ role: "writer" })),
  moderator: async ({}, provide) => provide(await createUser({ role: "moderator" })),
  editor: async ({}, provide) => provide(await createUser({ role: "editor" })),
  admin: async ({}, provide) => provide(await createUser({ role: "admin" })),
  readerPage: async ({ page, reader }, provide) => {
    await loginAs(page, reader);
    await provide(page);
  },
  signedInPage: async ({ readerPage }, provide) => provide(readerPage),
  writerPage: async ({ page, writer }, provide) => {
    await loginAs(page, writer);
    await provide(page);
  },
  editorPage: async ({ page, editor }, provide) => {
    await loginAs(page, editor);
    await provide(page);
  },
  moderatorPage: async ({ page, moderator }, provide) => {
    await loginAs(page, moderator);
    await provide(page);
  },
  adminPage: async ({ page, admin }, provide) => {
    await loginAs(page, admin);
    await provide(page);
  },
});

export { expect };
export { createUser, loginAs, type TestUser } from "./users";
