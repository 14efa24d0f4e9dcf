import { getDb } from "@/db";
import { unsubscribeByToken } from "@/db/queries/mail-lists";
import { MAIL_LIST_COPY, parseMailList } from "@/lib/mail/mail-lists";

export const dynamic = "force-dynamic";

/**
 * The `List-Unsubscribe` URL of every notification mail (RFC 8058). A mail
 * client's one-click POST (`List-Unsubscribe=One-Click`) turns reply mails
 * (of the list the link names) off at once, with no session; a person who opens the link gets the
 * confirmation page instead (a GET changes nothing: link scanners open links).
 */
export async function POST(request: Request) {
  const params = new URL(request.url).searchParams;
  const list = parseMailList(params.get("list"));
  const done = unsubscribeByToken(getDb(), { token: params.get("t") ?? "", list });
  if (!done) return new Response("This unsubscribe link is not valid.\n", { status: 404 });
  return new Response(`Unsubscribed: no more emails ${MAIL_LIST_COPY[list].about}.\n`, {
    status: 200,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export async function GET(request: Request) {
  const url = new URL(request.url);
  const page = new URL("/unsubscribe", url);
  page.searchParams.set("t", url.searchParams.get("t") ?? "");
  page.searchParams.set("list", parseMailList(url.searchParams.get("list")));
  return Response.redirect(page, 303);
}
