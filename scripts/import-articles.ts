/**
 * npm run import-articles -- DIR
 *
 * Imports or updates the markdown stories in DIR (the front-matter format of
 * content/articles/) by slug, into DATABASE_PATH (default data/news.db). Prints
 * created / updated / unchanged counts and every file that failed with its
 * reason; the others still import. Exit status 1 when any file failed.
 * Readers see the changes within the route cache's 5 minutes (or restart).
 */
import fs from "node:fs";
import { databasePath, openDatabase } from "@/db";
import { importArticles, readArticleFolder } from "@/db/import";
import { formatImportReport } from "@/lib/article-import";

const USAGE = "Usage: npm run import-articles -- <folder of .md stories>";

function main(argv: string[]): number {
  const dir = argv[0];
  if (!dir || argv.length > 1 || dir.startsWith("--")) {
    console.error(USAGE);
    return 2;
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`Not a folder: ${dir}\n${USAGE}`);
    return 2;
  }
  const files = readArticleFolder(dir);
  const db = openDatabase(databasePath());
  console.log(`Importing ${files.length} file${files.length === 1 ? "" : "s"} from ${dir} into ${databasePath()}`);
  const report = importArticles(db, files, {
    onProgress: files.length > 200 ? (done, total) => console.log(`  ${done} / ${total} files`) : undefined,
  });
  for (const slug of report.created) console.log(`  created: ${slug}`);
  for (const slug of report.updated) console.log(`  updated: ${slug}`);
  console.log(formatImportReport(report));
  db.$client.close();
  return report.failed.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
