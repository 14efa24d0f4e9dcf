import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Each test file gets its own fresh database, opened lazily by db/index.ts.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-unit-"));
process.env.DATABASE_PATH = path.join(dir, "news.db");
