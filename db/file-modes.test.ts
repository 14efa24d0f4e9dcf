import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db";

describe("the database's files are the server's alone (issue 12, finding 10)", () => {
  it("creates the folder 0700 and the database file 0600", () => {
    const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-modes-")), "data");
    const file = path.join(folder, "news.db");
    const db = openDatabase(file);
    try {
      expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      db.$client.close();
    }
  });
});
