/**
 * `npm run backup -- <file> [--force]`
 *
 * A consistent online backup of the site's database (DATABASE_PATH, default
 * data/news.db) while the site keeps serving and writing. `VACUUM INTO` copies
 * the database as of one read transaction: in WAL mode that snapshot never
 * blocks the site's writers and, unlike the page-by-page backup API, never
 * has to start over when they write. The copy is written beside the target,
 * checked with `PRAGMA integrity_check`, and only then renamed into place, so
 * `<file>` is either a whole, checked backup or absent.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run backup -- <file> [--force]   (--force replaces an existing file)`);
  process.exit(2);
}

function integrityCheck(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check", { simple: false }) as Record<string, unknown>[];
    return rows.map((row) => String(Object.values(row)[0]));
  } finally {
    db.close();
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const positional = args.filter((a) => !a.startsWith("--"));
  if (positional.length !== 1) usage("Give exactly one backup file name.");
  const target = path.resolve(positional[0]!);
  const source = path.resolve(process.env.DATABASE_PATH ?? "data/news.db");

  if (!fs.existsSync(source)) usage(`No database at ${source} (set DATABASE_PATH).`);
  if (target === source) usage("The backup file must not be the database itself.");
  if (fs.existsSync(target) && !force) usage(`${target} already exists.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });

  const temp = `${target}.partial-${process.pid}`;
  fs.rmSync(temp, { force: true });
  const started = Date.now();
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // The site may hold the write lock for a moment; wait like the site does.
    db.pragma("busy_timeout = 10000");
    db.prepare("VACUUM INTO ?").run(temp);
  } finally {
    db.close();
  }

  const problems = integrityCheck(temp);
  if (problems.length !== 1 || problems[0] !== "ok") {
    fs.rmSync(temp, { force: true });
    console.error(`Backup failed its integrity check:\n${problems.join("\n")}`);
    process.exit(1);
  }
  fs.renameSync(temp, target);

  const copy = new Database(target, { readonly: true });
  const count = (table: string) => (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const figures = `${count("users")} users, ${count("articles")} articles, ${count("comments")} comments`;
  copy.close();
  const size = (fs.statSync(target).size / 1024).toFixed(0);
  console.log(
    `Backup written to ${target} (${size} KiB, ${figures}) in ${Date.now() - started} ms; integrity_check: ok`,
  );
}

main();
