/**
 * Markdown stories as files: the front-matter format of content/articles/
 * (lib/front-matter.ts) turned into an article record, or the reason it cannot
 * be. Pure; db/import.ts writes what this accepts.
 */
import { parseFrontMatter } from "./front-matter";

export type ImportedArticle = {
  slug: string;
  title: string;
  dek: string;
  section: string;
  author: string;
  body: string;
  publishedAt: Date;
  updatedAt: Date;
  commentsOpen: boolean;
};

export type ParseResult = { ok: true; article: ImportedArticle } | { ok: false; reason: string };

const REQUIRED = ["slug", "title", "dek", "section", "author", "publishedAt"] as const;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** One file's story. `sections` are the names an article may be filed under (the sections table). */
export function parseArticleSource(source: string, sections?: ReadonlySet<string>): ParseResult {
  let document: ReturnType<typeof parseFrontMatter>;
  try {
    document = parseFrontMatter(source);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const { data, body } = document;
  if (Object.keys(data).length === 0) return { ok: false, reason: "no front matter (a --- block of key: value lines)" };
  for (const key of REQUIRED) {
    if (!data[key]) return { ok: false, reason: `missing "${key}" in its front matter` };
  }
  if (!SLUG.test(data.slug!) || data.slug!.length > 200) {
    return { ok: false, reason: `slug "${data.slug}" is not lower-case words joined by hyphens` };
  }
  if (!body) return { ok: false, reason: "the story has no body" };
  const publishedAt = new Date(data.publishedAt!);
  if (Number.isNaN(publishedAt.getTime())) return { ok: false, reason: `bad publishedAt: ${data.publishedAt}` };
  const updatedAt = data.updatedAt ? new Date(data.updatedAt) : publishedAt;
  if (Number.isNaN(updatedAt.getTime())) return { ok: false, reason: `bad updatedAt: ${data.updatedAt}` };
  if (sections && !sections.has(data.section!)) {
    return { ok: false, reason: `unknown section "${data.section}" (add it at /admin/sections first)` };
  }
  return {
    ok: true,
    article: {
      slug: data.slug!,
      title: data.title!,
      dek: data.dek!,
      section: data.section!,
      author: data.author!,
      body,
      publishedAt,
      updatedAt,
      commentsOpen: data.commentsOpen !== "false",
    },
  };
}

/** Whether a stored story already says what the file says (then the import leaves it alone). */
export function sameStory(stored: ImportedArticle, incoming: ImportedArticle): boolean {
  return (
    stored.title === incoming.title &&
    stored.dek === incoming.dek &&
    stored.section === incoming.section &&
    stored.author === incoming.author &&
    stored.body === incoming.body &&
    stored.publishedAt.getTime() === incoming.publishedAt.getTime() &&
    stored.updatedAt.getTime() === incoming.updatedAt.getTime() &&
    stored.commentsOpen === incoming.commentsOpen
  );
}

export type ImportReport = {
  created: string[];
  updated: string[];
  unchanged: string[];
  failed: { file: string; reason: string }[];
};

/** The report's closing lines, for the command line. */
export function formatImportReport(report: ImportReport): string {
  const lines = [
    `${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.failed.length} failed`,
  ];
  for (const { file, reason } of report.failed) lines.push(`  failed: ${file}: ${reason}`);
  return lines.join("\n");
}
