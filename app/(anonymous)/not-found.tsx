import type { Metadata } from "next";
import { NotFoundBody } from "@/components/site/not-found-body";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

/** notFound() inside this route group: the group's layout already draws the chrome. */
export default function NotFound() {
  return <NotFoundBody />;
}
