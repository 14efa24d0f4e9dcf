import { Fragment } from "react";
import type { TextRun } from "@/lib/search-snippet";

/** Text with the matched words in <mark>: React text nodes only, never HTML. */
export function MarkedText({ runs }: { runs: TextRun[] }) {
  return (
    <>
      {runs.map((run, i) => (run.marked ? <mark key={i}>{run.text}</mark> : <Fragment key={i}>{run.text}</Fragment>))}
    </>
  );
}
