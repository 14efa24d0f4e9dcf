import { describe, expect, it } from "vitest";
import { getDb } from "@/db";

// Moved from e2e (issue 12 audit): there it deleted from the shared database
// with no `where`. Here the test file has a database of its own (test/setup-unit.ts).
describe("moderation_log is append-only in the database itself", () => {
  it("refuses to change or delete an entry, whatever the query", () => {
    const db = getDb().$client;
    const { id } = db
      .prepare(
        "insert into moderation_log (actor_id, actor_name, action, target_type, target_id, target_label) values (null, 'Test', 'settings', 'settings', 'x', 'x') returning id",
      )
      .get() as { id: number };
    expect(() => db.prepare("update moderation_log set reason = 'changed' where id = ?").run(id)).toThrow(
      /append-only/,
    );
    expect(() => db.prepare("delete from moderation_log where id = ?").run(id)).toThrow(/append-only/);
    expect(() => db.prepare("delete from moderation_log").run()).toThrow(/append-only/);
    expect(db.prepare("select reason from moderation_log where id = ?").get(id)).toEqual({ reason: null });
  });
});
