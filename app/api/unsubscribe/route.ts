import { getDb } from "@/db";
import { unsubscribeByToken } from "@/db/queries/reply-mail";

export const dynamic = "force-dynamic";

/**
 * The `List-Unsubscribe` URL of every notification mail (RFC 8058). A mail
 * client's one-click POST (`List-Unsubscribe=One-Click`) turns reply mails
 * off at once, with no session; a person who opens the link gets the
 * confirmation page instead (a GET changes nothing: link scanners open links).
 */
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const done = unsubscribeByToken(getDb(), token);
  if (!done) return new Response("This unsubscribe link is not valid.\n", { status: 404 });
  return new Response("Unsubscribed: no more reply emails.\n", {
    status: 200,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export async function GET(request: Request) {
  const url = new URL(request.url);
  const page = new URL("/unsubscribe", url);
  page.searchParams.set("t", url.searchParams.get("t") ?? "");
  return Response.redirect(page, 303);
}
