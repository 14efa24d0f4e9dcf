"use client";

import { useEffect } from "react";

/** Unexpected errors: a plain apology with a way back; the details stay in the server log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" tabIndex={-1}>
      <div className="page page--narrow not-found stack">
        <p className="kicker">Error</p>
        <h1 className="page-title">Something went wrong on our side</h1>
        <p className="lede">Please try again in a moment.</p>
        <div className="actions" style={{ justifyContent: "center" }}>
          <button type="button" className="button button--primary" onClick={() => reset()}>
            Try again
          </button>
          {/* A full page load: it starts afresh after the error, and keeps next/link out of this
              boundary, which every page loads (it would be a second copy beside the nav's). */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a className="button" href="/">
            Go to the front page
          </a>
        </div>
        {error.digest ? <p className="meta">Reference: {error.digest}</p> : null}
      </div>
    </main>
  );
}
