"use client";

import { useActionState, type ReactNode } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";
import { COMMENTS_FIELD, type STORY_TEXT_FIELDS } from "@/lib/story-form";
import styles from "./story-editor.module.css";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** The editor's text fields, the same list the action hands back on a refusal. */
export type StoryEditorValues = Record<(typeof STORY_TEXT_FIELDS)[number], string>;

/** Which buttons this person gets on this story (lib/roles.ts decided, on the server). */
export type StoryButtons = {
  saveDraft: boolean;
  submit: boolean;
  publish: boolean;
  schedule: boolean;
  update: boolean;
  unpublish: boolean;
};

/**
 * The story editor: one multipart form to `saveStory`, each button a named
 * intent, so it works with JavaScript off (React adds the encoding). A
 * refusal comes back with every typed value; a success redirects to the
 * editor, whose page shows what happened in a role="status" element.
 */
export function StoryEditor({
  action,
  story,
  version,
  initial,
  sections,
  buttons,
  published,
  commentsOpen,
  hasImage,
  status,
}: {
  action: Action;
  /** The story's current slug; null for a new story. */
  story: string | null;
  version: number;
  initial: StoryEditorValues;
  sections: string[];
  buttons: StoryButtons;
  published: boolean;
  /** The story's comment setting (a new story's default: open). */
  commentsOpen: boolean;
  hasImage: boolean;
  /** What the last save did (from the redirect), shown once. */
  status: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v: StoryEditorValues = { ...initial, ...(state.values as Partial<StoryEditorValues> | undefined) };
  const e = state.errors ?? {};
  /** What every control of the form carries: its id, name, typed value (re-mounted after a refusal) and error link. */
  const control = (name: keyof StoryEditorValues | "image", hasHint = false) => ({
    id: `story-${name}`,
    name,
    ...(name === "image" ? {} : { defaultValue: v[name] }),
    "aria-invalid": e[name] ? true : undefined,
    "aria-describedby":
      [e[name] ? `story-${name}-error` : null, hasHint ? `story-${name}-hint` : null].filter(Boolean).join(" ") ||
      undefined,
  });
  // defaultValue applies on mount only: a refused save re-mounts each field with what was typed.
  const k = (name: keyof StoryEditorValues) =>
    `${name}-${state.values ? JSON.stringify(state.values[name] ?? "") : "initial"}`;
  const field = (name: keyof StoryEditorValues | "image", label: string, input: ReactNode, hint?: ReactNode) => (
    <div className="field">
      <label htmlFor={`story-${name}`}>{label}</label>
      {input}
      {hint ? (
        <p id={`story-${name}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {e[name] ? (
        <p id={`story-${name}-error`} className="field__error">
          {e[name]}
        </p>
      ) : null}
    </div>
  );

  return (
    <form action={formAction} className={`form ${styles.editor}`} aria-label="Story">
      {story ? <input type="hidden" name="story" value={story} /> : null}
      <input type="hidden" name="version" value={version} />
      {state.message ? (
        <div role="alert" className="alert">
          <p>{state.message}</p>
          {Object.keys(e).length ? (
            <ul>
              {Object.entries(e).map(([name, message]) => (
                <li key={name}>
                  <a href={`#story-${name}`}>{message}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : status ? (
        <p role="status" className="notice">
          {status}
        </p>
      ) : null}

      {field(
        "headline",
        "Headline",
        <input
          type="text"
          required
          maxLength={200}
          className={styles.headline}
          key={k("headline")}
          {...control("headline")}
        />,
      )}
      {field(
        "standfirst",
        "Standfirst",
        <textarea rows={2} maxLength={400} key={k("standfirst")} {...control("standfirst", true)} />,
        "One or two sentences under the headline, also used in lists and when the story is shared.",
      )}
      <div className={styles.row}>
        {field(
          "section",
          "Section",
          <select key={k("section")} {...control("section")}>
            {sections.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>,
        )}
        {field(
          "byline",
          "Byline",
          <input type="text" required maxLength={100} key={k("byline")} {...control("byline")} />,
        )}
      </div>
      {field(
        "slug",
        "Slug",
        <input
          type="text"
          maxLength={120}
          spellCheck={false}
          autoCapitalize="off"
          key={k("slug")}
          {...control("slug", true)}
        />,
        <>
          The story’s address: /articles/<em>slug</em>. Left empty, it is made from the headline.
          {published ? " Changing it keeps the old address working: it redirects here." : ""}
        </>,
      )}
      {field(
        "body",
        "Body",
        <textarea rows={18} className={styles.body} key={k("body")} {...control("body", true)} />,
        <>
          Markdown: a blank line between paragraphs, ## for a subheading, **bold**, *italic*, [links](https://…), &gt;
          for a quote. HTML is shown as text.
        </>,
      )}

      <fieldset className={`fieldset ${styles.group}`}>
        <legend>Lead image</legend>
        {field(
          "image",
          "Image",
          <input type="file" accept="image/jpeg,image/png,image/webp" {...control("image", true)} />,
          `${hasImage ? "Choose a file to replace the current image. " : ""}JPEG, PNG or WebP, up to 10 MB. Location and camera details are removed.`,
        )}
        {field(
          "imageDescription",
          "Image description",
          <input type="text" maxLength={300} key={k("imageDescription")} {...control("imageDescription", true)} />,
          "What the picture shows, for readers who cannot see it. Required with an image.",
        )}
        {field(
          "imageCredit",
          "Image credit",
          <input type="text" maxLength={200} key={k("imageCredit")} {...control("imageCredit")} />,
        )}
      </fieldset>

      {published ? null : (
        <div className="field">
          <label className="choice">
            <input
              type="checkbox"
              name={COMMENTS_FIELD}
              value="open"
              // After a refused save, what was submitted (an unticked box sends nothing).
              defaultChecked={state.values ? state.values[COMMENTS_FIELD] === "open" : commentsOpen}
              key={`${COMMENTS_FIELD}-${state.values ? (state.values[COMMENTS_FIELD] ?? "") : "initial"}`}
              aria-describedby="story-comments-hint"
            />
            Allow comments
          </label>
          <p id="story-comments-hint" className="field__hint">
            Readers can comment once the story is live. After that, editors and moderators close or reopen comments from
            this page.
          </p>
        </div>
      )}
      {published
        ? field(
            "correction",
            "Correction",
            <textarea rows={3} maxLength={1000} key={k("correction")} {...control("correction", true)} />,
            "Shown with its date at the foot of the story when you Update. Leave empty for none.",
          )
        : null}
      {buttons.schedule
        ? field(
            "publishAt",
            "Publish at",
            <input type="datetime-local" key={k("publishAt")} {...control("publishAt", true)} />,
            "In UTC. Used by Schedule: the story goes live by itself at that time.",
          )
        : null}

      <div className={`actions ${styles.buttons}`}>
        {buttons.update ? (
          <button type="submit" name="intent" value="update" className="button button--primary" disabled={pending}>
            Update
          </button>
        ) : null}
        {buttons.publish ? (
          <button type="submit" name="intent" value="publish" className="button button--primary" disabled={pending}>
            Publish now
          </button>
        ) : null}
        {buttons.schedule ? (
          <button type="submit" name="intent" value="schedule" className="button" disabled={pending}>
            Schedule
          </button>
        ) : null}
        {buttons.submit ? (
          <button type="submit" name="intent" value="submit" className="button button--primary" disabled={pending}>
            Submit for review
          </button>
        ) : null}
        {buttons.saveDraft ? (
          <button type="submit" name="intent" value="draft" className="button" disabled={pending}>
            Save draft
          </button>
        ) : null}
        {buttons.saveDraft ? (
          <button type="submit" name="intent" value="preview" className="button button--quiet" disabled={pending}>
            Preview
          </button>
        ) : null}
        {buttons.unpublish ? (
          <button
            type="submit"
            name="intent"
            value="unpublish"
            className={`button button--danger ${styles.end}`}
            disabled={pending}
          >
            Unpublish
          </button>
        ) : null}
      </div>
    </form>
  );
}
