/**
 * The edit conflict (issue 13): two editors open the same story and save at
 * the same moment, each posting the real editor form (as a browser without
 * JavaScript would) with the version they opened. Exactly one save wins; the
 * other answer is the conflict sentence with that editor's text handed back;
 * the story holds the winner's text and exactly one new revision. Repeated
 * rounds, so the two posts really race.
 */
import type { Context } from "./support/context";
import { fieldsFor, formWithButton, multipart, parseForms, textOf } from "./support/forms";
import { request } from "./support/http";
import { Report } from "./support/report";

const ROUNDS = 10;
const CONFLICT = /This story was changed by (.+?) at .+? UTC since you opened it\./;

export async function editConflict(ctx: Context): Promise<Report> {
  const report = new Report(
    "edit-conflict: two editors save one version at once; exactly one wins, the other keeps their text",
  );
  const editors = [await ctx.data.createUser({ role: "editor" }), await ctx.data.createUser({ role: "editor" })];
  const article = ctx.data.createArticle();
  const pageUrl = `${ctx.base}/admin/articles/${article.slug}`;
  const story = () =>
    ctx.data.raw.prepare("SELECT body, version FROM articles WHERE id = ?").get(article.id) as {
      body: string;
      version: number;
    };
  const revisions = () =>
    (
      ctx.data.raw.prepare("SELECT count(*) AS n FROM article_revisions WHERE article_id = ?").get(article.id) as {
        n: number;
      }
    ).n;
  const wins = [0, 0];

  for (let round = 0; round < ROUNDS; round++) {
    // Both open the editor on the same version.
    const pages = await Promise.all(editors.map((e) => request(pageUrl, { headers: { cookie: e.cookie } })));
    const forms = pages.map((p) => formWithButton(parseForms(p.body), "Update"));
    if (
      !report.check(
        forms.every(Boolean),
        `round ${round}: an editor got no story form (${pages.map((p) => p.status).join(", ")})`,
      )
    )
      break;
    const texts = editors.map(
      (_, i) => `Round ${round}: editor ${i + 1}'s wording ${Math.random().toString(36).slice(2)}`,
    );
    const beforeVersion = story().version;
    const beforeRevisions = revisions();
    const answers = await Promise.all(
      forms.map((form, i) => {
        const { body, contentType } = multipart(fieldsFor(form!, { set: { body: texts[i]! }, button: "Update" }));
        return request(pageUrl, {
          method: "POST",
          body,
          headers: { "content-type": contentType, accept: "text/html", origin: ctx.base, cookie: editors[i]!.cookie },
        });
      }),
    );
    const won = answers.map((a) => a.status === 303 && /done=update/.test(String(a.headers.location)));
    const refused = answers.map((a) => CONFLICT.test(textOf(a.body)));
    const winner = won.indexOf(true);
    const loser = refused.indexOf(true);
    report.check(
      won.filter(Boolean).length === 1 && refused.filter(Boolean).length === 1 && winner !== loser,
      `round ${round}: expected one save and one conflict, got ${answers.map((a) => a.status).join(", ")}`,
    );
    if (winner < 0 || loser < 0) continue;
    wins[winner]!++;
    const after = story();
    report.check(after.body === texts[winner], `round ${round}: the story does not hold the winner's text`);
    report.check(after.version === beforeVersion + 1, `round ${round}: version ${beforeVersion} → ${after.version}`);
    report.check(revisions() === beforeRevisions + 1, `round ${round}: not exactly one new revision`);
    const loserPage = textOf(answers[loser]!.body);
    report.check(
      CONFLICT.exec(loserPage)?.[1] === editors[winner]!.name,
      `round ${round}: the conflict does not name the editor who saved`,
    );
    report.check(
      answers[loser]!.body.includes(texts[loser]!),
      `round ${round}: the refused editor's text was not handed back`,
    );
  }
  report.figure(
    `${ROUNDS} rounds of two simultaneous saves: ${wins[0]} won by editor 1, ${wins[1]} by editor 2, the other refused with its text each time`,
  );
  return report;
}
