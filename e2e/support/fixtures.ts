/**
 * Playwright `test` with ready-made users. Import `test` and `expect` from
 * here instead of @playwright/test:
 *
 *   test("posts a comment", async ({ readerPage, reader }) => { ... })
 *
 * `reader`/`moderator`/`admin` are fresh users per test; `readerPage`,
 * `moderatorPage`, `adminPage` (and `signedInPage`, an alias of readerPage)
 * are the test's page already signed in as that user.
 */
import { test as base, expect, type Page } from "@playwright/test";
import { createUser, loginAs, type TestUser } from "./users";

type Fixtures = {
  reader: TestUser;
  moderator: TestUser;
  admin: TestUser;
  readerPage: Page;
  signedInPage: Page;
  moderatorPage: Page;
  adminPage: Page;
};

export const test = base.extend<Fixtures>({
  reader: async ({}, provide) => provide(await createUser({ role: "reader" })),
  moderator: async ({}, provide) => provide(await createUser({ role: "moderator" })),
  admin: async ({}, provide) => provide(await createUser({ role: "admin" })),
  readerPage: async ({ page, reader }, provide) => {
    await loginAs(page, reader);
    await provide(page);
  },
  signedInPage: async ({ readerPage }, provide) => provide(readerPage),
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
