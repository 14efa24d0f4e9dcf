"use client";

import Link from "next/link";
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
          <Link className="button" href="/">
            Go to the front page
          </Link>
        </div>
        {error.digest ? <p className="meta">Reference: {error.digest}</p> : null}
      </div>
    </main>
  );
}
