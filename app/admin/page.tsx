import type { Metadata } from "next";

export const metadata: Metadata = { title: "Dashboard" };

/** Placeholder until the moderation dashboard lands. */
export default function AdminDashboardPage() {
  return <h1>Dashboard</h1>;
}
