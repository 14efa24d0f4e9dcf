import fs from "node:fs/promises";
import path from "node:path";
import { MEDIA_NAME_PATTERN } from "@/lib/images";
import { uploadsPath } from "@/lib/image-store";

/**
 * Uploaded images. A name is served only when the whole of it is
 * `<32 hex>-<width>.webp` (lib/images.ts): nothing a request can spell
 * (`..`, `%2e%2e`, `%2f`, a backslash, an absolute path, NUL) gets past that,
 * and the folder is only ever listed by that one pattern. Files are
 * content-addressed, so a name's bytes never change: cached for a year.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await params;
  if (!MEDIA_NAME_PATTERN.test(name)) return notFound();
  let data: Buffer;
  try {
    data = await fs.readFile(path.join(uploadsPath(), name));
  } catch {
    return notFound();
  }
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(data.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

function notFound(): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
