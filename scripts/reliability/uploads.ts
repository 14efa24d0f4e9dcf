/**
 * Uploads (issue 13): bad files posted to the lead-image form as a browser
 * without JavaScript would post them — SVG, HTML renamed .jpg, a truncated
 * JPEG, a 60-megapixel decompression bomb, an 11 MB file — are each refused
 * with their sentence, and the uploads folder and the article row are exactly
 * as before. Then the media route is asked for files outside its folder every
 * way a URL can spell it; a canary file beside the folder must never come back.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Context } from "./support/context";
import { fieldsFor, formWithButton, parseForms, textOf, type Field } from "./support/forms";
import { request } from "./support/http";
import { Report } from "./support/report";

type FilePart = { name: string; filename: string; type: string; data: Buffer };

function multipartWithFile(fields: Field[], file: FilePart): { body: Buffer; contentType: string } {
  const boundary = `----uploads${randomBytes(12).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const f of fields) {
    if (f.name === file.name) continue;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n`));
    parts.push(typeof f.value === "string" ? Buffer.from(f.value) : f.value, Buffer.from("\r\n"));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function listing(folder: string): string {
  return fs.existsSync(folder) ? fs.readdirSync(folder).sort().join(",") : "(none)";
}

export async function uploads(ctx: Context): Promise<Report> {
  const report = new Report("uploads: bad files refused with nothing stored; media URLs never leave the folder");
  const admin = await ctx.data.createUser({ role: "admin" });
  const article = ctx.data.raw
    .prepare("SELECT id, slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    .get() as { id: number; slug: string };
  const pageUrl = `${ctx.base}/admin/articles/${article.slug}`;
  const folder = path.join(path.dirname(ctx.data.file), "uploads");
  const row = () =>
    JSON.stringify(
      ctx.data.raw
        .prepare(
          "SELECT image_key, image_width, image_height, image_description, image_credit FROM articles WHERE id = ?",
        )
        .get(article.id),
    );

  const good = await sharp({ create: { width: 800, height: 500, channels: 3, background: "#335577" } })
    .jpeg()
    .toBuffer();
  const bomb = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: "#000" } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  const cases: { label: string; file: FilePart; expect: RegExp }[] = [
    {
      label: "SVG",
      file: {
        name: "image",
        filename: "logo.svg",
        type: "image/svg+xml",
        data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      },
      expect: /not a JPEG, PNG or WebP/,
    },
    {
      label: "HTML renamed .jpg",
      file: {
        name: "image",
        filename: "photo.jpg",
        type: "image/jpeg",
        data: Buffer.from("<!doctype html><script>alert(1)</script>"),
      },
      expect: /not a JPEG, PNG or WebP/,
    },
    {
      label: "truncated JPEG",
      file: {
        name: "image",
        filename: "cut.jpg",
        type: "image/jpeg",
        data: good.subarray(0, Math.floor(good.length / 2)),
      },
      expect: /damaged or incomplete/,
    },
    {
      label: `60-megapixel bomb (${(bomb.length / 1024).toFixed(0)} KB PNG)`,
      file: { name: "image", filename: "bomb.png", type: "image/png", data: bomb },
      expect: /too large in pixels/,
    },
    {
      label: "11 MB file",
      file: {
        name: "image",
        filename: "huge.jpg",
        type: "image/jpeg",
        data: Buffer.concat([good, Buffer.alloc(11 * 1024 * 1024 - good.length)]),
      },
      expect: /larger than 10 MB/,
    },
  ];

  const page = await request(pageUrl, { headers: { cookie: admin.cookie } });
  const form = formWithButton(parseForms(page.body), "Update");
  if (!report.check(form !== undefined, "no story editor (`Update`) on the story's admin page")) return report;
  const fields = fieldsFor(form!, {
    set: { imageDescription: "A test picture", imageCredit: "Reliability" },
    button: "Update",
  });

  for (const c of cases) {
    const beforeFiles = listing(folder);
    const beforeRow = row();
    const { body, contentType } = multipartWithFile(fields, c.file);
    const response = await request(pageUrl, {
      method: "POST",
      body,
      headers: { "content-type": contentType, accept: "text/html", origin: ctx.base, cookie: admin.cookie },
      timeoutMs: 120_000,
    });
    const text = textOf(response.body);
    report.check(
      c.expect.test(text),
      `${c.label}: answer ${response.status} without the message ${c.expect}: ${text.slice(0, 200)}`,
    );
    report.check(listing(folder) === beforeFiles, `${c.label}: the uploads folder changed`);
    report.check(row() === beforeRow, `${c.label}: the article row changed`);
    report.figure(`${c.label} → ${response.status}, "${(c.expect.exec(text) ?? ["?"])[0]}", nothing stored`);
  }

  // A good file through the same path: the refusals above are not a form that accepts nothing.
  // (Other items may have stored images in this folder already: count only what this one adds.)
  const storedBefore = new Set(fs.existsSync(folder) ? fs.readdirSync(folder) : []);
  const { body, contentType } = multipartWithFile(fields, {
    name: "image",
    filename: "ok.jpg",
    type: "image/jpeg",
    data: good,
  });
  const ok = await request(pageUrl, {
    method: "POST",
    body,
    headers: { "content-type": contentType, accept: "text/html", origin: ctx.base, cookie: admin.cookie },
  });
  const stored = (fs.existsSync(folder) ? fs.readdirSync(folder) : []).filter((name) => !storedBefore.has(name));
  report.check(
    ok.status === 303 && /done=update/.test(String(ok.headers.location)) && stored.length === 2,
    `a good JPEG was not stored (${stored.join(",")})`,
  );
  const served = stored[0] ? await request(`${ctx.base}/media/${stored[0]}`) : null;
  report.check(
    served?.status === 200 && served.headers["cache-control"] === "public, max-age=31536000, immutable",
    `a stored copy is not served with immutable caching (${served?.status})`,
  );

  // Traversal: a canary beside the uploads folder, and files the server can read.
  const canary = `canary-${randomBytes(8).toString("hex")}`;
  fs.writeFileSync(path.join(path.dirname(folder), "canary.txt"), canary);
  const attempts = [
    "/media/../canary.txt",
    "/media/..%2fcanary.txt",
    "/media/%2e%2e%2fcanary.txt",
    "/media/%2e%2e/canary.txt",
    "/media/..%5ccanary.txt",
    "/media/....//canary.txt",
    "/media/%252e%252e%252fcanary.txt",
    `/media/${encodeURIComponent(path.join(path.dirname(folder), "canary.txt"))}`,
    `/media/${path.join(path.dirname(folder), "canary.txt")}`,
    "/media/%2fetc%2fpasswd",
    "/media//etc/passwd",
    "/media/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    `/media/${stored[0] ?? "x.webp"}%00.txt`,
    `/media/${stored[0] ?? "x.webp"}%00`,
    "/media/%00../canary.txt",
    "/media/..%c0%afcanary.txt",
  ];
  let leaked = 0;
  for (const attempt of attempts) {
    const response = await request(`${ctx.base}${attempt}`, { fresh: true });
    const bad =
      response.body.includes(canary) ||
      /root:.*:0:0:/.test(response.body) ||
      (response.status === 200 &&
        attempt.startsWith("/media/") &&
        response.headers["content-type"] === "image/webp" &&
        !attempt.endsWith(".webp"));
    if (bad) leaked++;
    report.check(!bad, `${attempt} → ${response.status} read outside the uploads folder`);
  }
  report.figure(`${attempts.length} traversal URLs: ${leaked} read outside the folder`);
  return report;
}
