"use client";

/**
 * Keeps every server-action response reachable until its body has been read
 * to the end (issue 17; DECISIONS.md "Every answer ends").
 *
 * Next's client reads an action's answer with React's Flight reader and lets
 * go of the Response as soon as the result and the new tree are decoded. The
 * last bytes have arrived by then, but the network layer's "complete" signal
 * comes a moment later; when Chromium collects garbage in between (it often
 * does, while React renders the new tree), it cancels the now unreachable
 * request (`net::ERR_ABORTED`, no JavaScript abort involved). The answer then
 * never finishes for anything waiting on it (measured: one post in five).
 * Holding the Response and draining a clone of it lets every answer end.
 */
const unfinished = new Set<Response>();

function isServerAction(init: RequestInit | undefined): boolean {
  if (init?.method !== "POST" || !init.headers) return false;
  return new Headers(init.headers).has("next-action");
}

if (typeof window !== "undefined") {
  const fetchFromBrowser = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetchFromBrowser(input, init);
    if (isServerAction(init) && response.body) {
      unfinished.add(response);
      void response
        .clone()
        .arrayBuffer()
        .catch(() => undefined) // a failed body is reported by Next's own reader
        .finally(() => unfinished.delete(response));
    }
    return response;
  };
}

/** Rendered once in the root layout so this module runs on every page. */
export function FinishActionResponses() {
  return null;
}
