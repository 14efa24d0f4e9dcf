/**
 * Runs once when a server process starts. In the Node.js runtime it starts
 * the mail sender, so mail queued before a restart goes out without waiting
 * for a new request, and the story scheduler, so a scheduled story goes live
 * on time with nobody visiting the site.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startMailSender } = await import("@/lib/mail/sender");
  startMailSender();
  const { startStoryScheduler } = await import("@/lib/story-scheduler");
  startStoryScheduler();
}
