/**
 * 4. Bad input: empty, whitespace, oversize (limit + 1 and 2 MB), invalid
 * UTF-8, lone surrogates, NUL and control characters, SQL-looking text.
 * Each gets a clear message or is stored and shown exactly as sent; never a 500.
 */
import { normaliseCommentText } from "@/lib/comment-text";
import type { Context } from "./support/context";
import { formWithButton, multipart, parseForms, submitForm, textOf } from "./support/forms";
import { request } from "./support/http";
import { Report } from "./support/report";
import { commentForm, getPage, postComment } from "./support/site";

type Case = { name: string; body: string | Buffer; expect: "refused" | "stored"; storedAs?: string };

const LIMIT = 5000;
const sql = [
  "'); DROP TABLE comments; --",
  "Robert'); DROP TABLE users;--",
  "1' OR '1'='1",
  '" OR ""="',
  "%' UNION SELECT password_hash, email FROM users --",
  "\\'; SELECT sqlite_version(); --",
];

const cases: Case[] = [
  { name: "empty", body: "", expect: "refused" },
  { name: "whitespace only", body: "  \n\t  \r\n ", expect: "refused" },
  { name: "zero-width only", body: "\u200B\u200C\u200D\u2060\uFEFF", expect: "refused" },
  { name: `limit + 1 (${LIMIT + 1} chars)`, body: "x".repeat(LIMIT + 1), expect: "refused" },
  { name: `exactly the limit (${LIMIT} chars)`, body: `${"y".repeat(LIMIT - 8)} edge ok`, expect: "stored" },
  { name: "NUL", body: "before\u0000after", expect: "refused" },
  { name: "control character (BEL)", body: "ring \u0007 the bell", expect: "refused" },
  { name: "escape sequence (ESC)", body: "\u001b[31mred\u001b[0m", expect: "refused" },
  // Bytes that are not UTF-8: the form decoder turns them into U+FFFD, and that is what must be stored and shown.
  {
    name: "invalid UTF-8 bytes",
    body: Buffer.from([0x42, 0x61, 0x64, 0x20, 0xc3, 0x28, 0x20, 0xff, 0xfe, 0x20, 0x21]),
    expect: "stored",
    storedAs: "Bad \uFFFD( \uFFFD\uFFFD !",
  },
  // A lone surrogate encoded the way CESU-8 / broken encoders do.
  {
    name: "lone surrogate (CESU bytes)",
    body: Buffer.from([0x53, 0x75, 0x72, 0x72, 0x20, 0xed, 0xa0, 0x80, 0x20, 0x21]),
    expect: "stored",
    storedAs: "Surr \uFFFD\uFFFD\uFFFD !",
  },
  {
    name: "lone surrogate (JS string)",
    body: "High \uD800 low \uDC00 end",
    expect: "stored",
    storedAs: "High \uFFFD low \uFFFD end",
  },
  { name: "emoji and combining marks", body: "Ça va? 👩🏽‍💻 e\u0301", expect: "stored" },
  ...sql.map((s, i) => ({ name: `SQL-looking ${i + 1}`, body: `${s} #${i}`, expect: "stored" as const })),
];

export async function badInput(ctx: Context): Promise<Report> {
  const report = new Report("4. Bad input");
  const article = ctx.data.createArticle();
  const user = await ctx.data.createUser({ name: "Fuzz Reader" });
  const cf = await commentForm(ctx.base, article.slug, user.cookie);
  let refusedClearly = 0;
  let storedFaithfully = 0;
  const statuses: number[] = [];

  for (const c of cases) {
    const before = ctx.data.commentsBy(user.id).length;
    const result = await postComment(cf, user.cookie, c.body);
    statuses.push(result.status);
    const after = ctx.data.commentsBy(user.id);
    report.check(result.status < 500, `${c.name}: server answered ${result.status}`);
    if (c.expect === "refused") {
      const ok = after.length === before && result.alert !== null && result.alert.length > 5;
      if (ok) refusedClearly++;
      report.check(
        ok,
        `${c.name}: expected a clear refusal, got ${result.status}, alert ${JSON.stringify(result.alert)}, stored ${after.length - before}`,
      );
      // What was typed is kept on error (except what cannot be sent back, like NUL).
      continue;
    }
    const expected = c.storedAs ?? normaliseCommentText(c.body as string);
    const row = after.length > before ? after[after.length - 1] : undefined;
    const stored = row?.body === expected;
    // Shown verbatim on the page the author sees.
    const page = await getPage(`${ctx.base}/articles/${article.slug}`, user.cookie);
    const shownAt = row ? page.html.indexOf(`id="comment-${row.id}"`) : -1;
    const shown = shownAt >= 0 && textOf(page.html.slice(shownAt)).includes(expected.replace(/\s+/g, " "));
    if (stored && shown) storedFaithfully++;
    report.check(
      stored,
      `${c.name}: stored ${JSON.stringify(row?.body?.slice(0, 80))}, expected ${JSON.stringify(expected.slice(0, 80))} (status ${result.status}, alert ${result.alert})`,
    );
    report.check(shown, `${c.name}: not shown verbatim on the article page`);
  }

  // Oversize bodies: a request just over the 1 MB server-action limit, and one of 2 MB.
  const oversize: { name: string; bytes: number; status: number }[] = [];
  for (const [name, bytes] of [
    ["1 MB + 1 byte", 1024 * 1024 + 1],
    ["2 MB", 2 * 1024 * 1024],
  ] as const) {
    const before = ctx.data.fingerprint();
    // The whole request body is exactly `bytes` long.
    const others = cf.form.fields.filter((f) => f.name !== cf.field);
    const overhead = multipart([...others, { name: cf.field, value: "" }]).body.length;
    const { body, contentType } = multipart([...others, { name: cf.field, value: "z".repeat(bytes - overhead) }]);
    let status = 0;
    try {
      const res = await request(cf.pageUrl, {
        method: "POST",
        body,
        headers: { "content-type": contentType, cookie: user.cookie, origin: ctx.base },
        fresh: true,
      });
      status = res.status;
    } catch (error) {
      report.check(false, `${name}: connection error ${(error as Error).message}`);
    }
    oversize.push({ name, bytes: body.length, status });
    report.check(status === 413, `${name} (${body.length} bytes): expected 413, got ${status}`);
    report.check(ctx.data.fingerprint() === before, `${name}: the database changed`);
  }
  const alive = await request(`${ctx.base}/articles/${article.slug}`, {
    headers: { cookie: user.cookie },
    fresh: true,
  });
  report.check(alive.status === 200, `server not healthy after oversize requests: ${alive.status}`);

  // The sign-up form with hostile values: clear errors, never a 500, no account.
  const signup = await getPage(`${ctx.base}/signup`);
  const signupForm = formWithButton(signup.forms, "Create account");
  let signupCases = 0;
  if (report.check(signupForm !== undefined, "no Create account form on /signup") && signupForm) {
    const byLabel = (re: RegExp) => signupForm.textFields.find((n) => re.test(n)) ?? "";
    const [nameField, emailField, passwordField] = [byLabel(/name/i), byLabel(/email/i), byLabel(/password/i)];
    const hostile: Record<string, string>[] = [
      { [nameField]: "", [emailField]: "", [passwordField]: "" },
      { [nameField]: "Nul\u0000Name", [emailField]: "nul@example.test", [passwordField]: "long enough password 1" },
      { [nameField]: "\u202Eevil\u202C", [emailField]: "bidi@example.test", [passwordField]: "long enough password 2" },
      {
        [nameField]: "n".repeat(5000),
        [emailField]: `${"e".repeat(300)}@example.test`,
        [passwordField]: "p".repeat(5000),
      },
      { [nameField]: "' OR 1=1 --", [emailField]: "' OR 1=1 --", [passwordField]: "' OR 1=1 --" },
    ];
    for (const set of hostile) {
      const before = ctx.data.raw.prepare("SELECT count(*) AS n FROM users").get() as { n: number };
      const res = await submitForm(signup.url, signupForm, { set });
      const after = ctx.data.raw.prepare("SELECT count(*) AS n FROM users").get() as { n: number };
      signupCases++;
      const alert =
        res.status === 200
          ? /role="alert"/.test(formWithButton(parseForms(res.body), "Create account")?.html ?? "")
          : false;
      report.check(res.status < 500, `sign-up with ${JSON.stringify(set).slice(0, 60)}: ${res.status}`);
      report.check(
        after.n === before.n && alert,
        `sign-up with ${JSON.stringify(set).slice(0, 60)}: account created or no clear error (status ${res.status})`,
      );
    }
  }

  report.figure(
    `${cases.length} comment inputs: ${refusedClearly} refused with a clear message, ${storedFaithfully} stored and shown verbatim (${sql.length} SQL-looking)`,
  );
  report.figure(
    `oversize: ${oversize.map((o) => `${o.name} (${o.bytes} B) → ${o.status}`).join(", ")}; server still up: ${alive.status}`,
  );
  report.figure(
    `${signupCases} hostile sign-ups refused; statuses seen: ${[...new Set(statuses)].join(", ")} (no 5xx allowed)`,
  );
  return report;
}
