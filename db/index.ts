/**
 * The one database connection. Opened lazily (so `next build` never needs a
 * database file), migrated on first open and seeded when it has no articles.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";
import { seedIfEmpty } from "./seed";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
  return path.resolve(process.env.DATABASE_PATH ?? "data/news.db");
}

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/**
 * Pragmas: WAL lets readers run beside the single writer; busy_timeout makes a
 * writer that meets a lock wait instead of failing; synchronous=NORMAL in WAL
 * mode never corrupts the database and loses at most the last transactions on
 * power loss (not on a process crash) — see DECISIONS.md.
 */
export function openDatabase(file: string): Db {
  // Readers' emails and password hashes: the folder and the file are the server
  // user's alone (SQLite gives the -wal and -shm files the database file's mode).
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
  const sqlite = new Database(file);
  reusePreparedStatements(sqlite);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 10000");
  const db: Db = drizzle(sqlite, { schema });
  migrateAlongsideOthers(db);
  seedIfEmpty(db);
  return db;
}

/**
 * Several server processes may open a fresh file at the same moment (issue 16).
 * Drizzle decides what to apply before its transaction begins, so the loser of
 * that race fails inside its transaction ("table already exists") and rolls
 * back; by then the winner has committed, and a second pass finds nothing to do.
 */
function migrateAlongsideOthers(db: Db): void {
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

const MAX_CACHED_STATEMENTS = 500;

/**
 * Makes `prepare()` return the statement already compiled for the same SQL
 * text. Drizzle prepares every query each time it runs, and compiling the SQL
 * was a tenth of the CPU of a signed-in page or a posted comment (profiled;
 * DECISIONS.md "Speed"). A statement that is mid-iteration is never handed
 * out twice, and a reused one gets its default row format back (Drizzle
 * switches statements to `raw()` arrays). Bounded, because `IN (?, ?, …)`
 * lists make one text per length.
 */
function reusePreparedStatements(sqlite: Database.Database): void {
  const compile = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const known = statements.get(source);
    if (known && !known.busy) {
      if (known.reader) known.raw(false).pluck(false).expand(false);
      return known;
    }
    const statement = compile(source);
    if (!known) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      statements.set(source, statement);
    }
    return statement;
  }) as Database.Database["prepare"];
}

// Kept on globalThis so dev-mode module reloads reuse one connection.
const globalForDb = globalThis as unknown as { __broadsheetDb?: Db };

export function getDb(): Db {
  globalForDb.__broadsheetDb ??= openDatabase(databasePath());
  return globalForDb.__broadsheetDb;
}

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction: reads that decide a write take the
 * write lock first, so two requests can never both pass a check and both write.
 */
export function writeTransaction<T>(fn: (db: Db) => T): T {
  const db = getDb();
  return db.$client.transaction(() => fn(db)).immediate();
}
