import { getViewer } from "@/app/_lib/guards";
import { getUserDataExport } from "@/db/queries/users";

/** "Download my data": the profile and every comment the reader wrote, as a JSON attachment. */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) {
    return Response.redirect(new URL("/signin?callbackUrl=%2Faccount", request.url), 303);
  }
  const data = getUserDataExport({ id: viewer.id });
  if (!data) return new Response("Not found", { status: 404 });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="broadsheet-data-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
