/**
 * `npm run restore -- <file> [--force]`
 *
 * Puts a backup made by `npm run backup` back as the site's database
 * (DATABASE_PATH, default data/news.db).
 *
 * 1. The backup must pass `PRAGMA integrity_check` and look like this site's
 *    database, or nothing is touched.
 * 2. If the site (or anything else) has the database open, restore refuses:
 *    stop the site first. `--force` restores into the live database anyway,
 *    through SQLite's backup API, which takes the proper locks so the running
 *    site sees the restored data on its next query.
 * 3. The current database is first saved beside itself as
 *    `<db>.before-restore-<time>` so a wrong restore can be undone.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function integrityCheck(db: Database.Database): string[] {
  const rows = db.pragma("integrity_check", { simple: false }) as Record<string, unknown>[];
  return rows.map((row) => String(Object.values(row)[0]));
}

/**
 * True when another connection has the database open. Leaving WAL mode needs
 * the database to itself, so the attempt fails with SQLITE_BUSY while the site
 * holds a connection; when it succeeds nobody else is using the file.
 */
function isInUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    const mode = db.pragma("journal_mode", { simple: true });
    if (mode !== "wal") return false;
    try {
      db.pragma("journal_mode = DELETE");
      db.pragma("journal_mode = WAL");
      return false;
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
      throw error;
    }
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const positional = args.filter((a) => !a.startsWith("--"));
  if (positional.length !== 1) fail("Usage: npm run restore -- <backup file> [--force]", 2);
  const backupFile = path.resolve(positional[0]!);
  const target = path.resolve(process.env.DATABASE_PATH ?? "data/news.db");
  if (!fs.existsSync(backupFile)) fail(`No backup at ${backupFile}.`, 2);
  if (backupFile === target) fail("The backup file is the database itself.", 2);

  const backup = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const problems = integrityCheck(backup);
    if (problems.length !== 1 || problems[0] !== "ok") {
      fail(`The backup failed its integrity check; nothing was restored:\n${problems.join("\n")}`);
    }
    const tables = new Set(
      (backup.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    for (const table of ["users", "articles", "comments", "settings"]) {
      if (!tables.has(table))
        fail(`${backupFile} is not a Broadsheet database (no ${table} table); nothing was restored.`);
    }

    if (fs.existsSync(target)) {
      if (isInUse(target) && !force) {
        fail(
          `${target} is in use (is the site running?). Stop the site and run restore again, ` +
            "or pass --force to restore into the live database.",
        );
      }
      const saved = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      const current = new Database(target, { readonly: true });
      current.pragma("busy_timeout = 10000");
      current.prepare("VACUUM INTO ?").run(saved);
      current.close();
      console.log(`Current database saved as ${saved}`);
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
    }

    // The backup API copies page by page under SQLite's own locks.
    await backup.backup(target);
  } finally {
    backup.close();
  }

  const restored = new Database(target);
  try {
    restored.pragma("busy_timeout = 10000");
    restored.pragma("journal_mode = WAL");
    const problems = integrityCheck(restored);
    if (problems.length !== 1 || problems[0] !== "ok")
      fail(`Restored database failed its integrity check:\n${problems.join("\n")}`);
    const count = (table: string) => (restored.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    console.log(
      `Restored ${backupFile} into ${target} (${count("users")} users, ${count("articles")} articles, ` +
        `${count("comments")} comments); integrity_check: ok`,
    );
  } finally {
    restored.close();
  }
}

main().catch((error: unknown) => fail(`Restore failed: ${error instanceof Error ? error.message : String(error)}`));
