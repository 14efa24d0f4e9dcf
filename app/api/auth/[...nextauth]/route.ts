import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { withinBodyLimit } from "@/app/_lib/limited-body";
import { AUTH_BODY_LIMIT_BYTES } from "@/lib/body-limit";

export const { GET } = handlers;

/**
 * Auth.js reads whatever body it is sent, whole, before looking at it: the
 * body is read here first, counted as it streams in, and refused with 413 past
 * the route's limit (issue 12, finding 2).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const limited = await withinBodyLimit(request, AUTH_BODY_LIMIT_BYTES);
  return limited instanceof Response ? limited : handlers.POST(limited);
}
