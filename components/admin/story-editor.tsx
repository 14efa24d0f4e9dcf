"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";
import styles from "./story-editor.module.css";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export type StoryEditorValues = {
  headline: string;
  standfirst: string;
  byline: string;
  slug: string;
  section: string;
  body: string;
  correction: string;
  publishAt: string;
  imageDescription: string;
  imageCredit: string;
};

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
  hasImage: boolean;
  /** What the last save did (from the redirect), shown once. */
  status: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v: StoryEditorValues = { ...initial, ...(state.values as Partial<StoryEditorValues> | undefined) };
  const e = state.errors ?? {};
  // A refused save re-mounts the fields with what was typed (defaultValue only applies on mount).
  const k = (name: string) => `${name}-${state.values ? JSON.stringify(state.values[name] ?? "") : "initial"}`;
  const describe = (name: string, hint?: boolean) =>
    [e[name] ? `story-${name}-error` : null, hint ? `story-${name}-hint` : null].filter(Boolean).join(" ") || undefined;
  const error = (name: string) =>
    e[name] ? (
      <p id={`story-${name}-error`} className="field__error">
        {e[name]}
      </p>
    ) : null;

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

      <div className="field">
        <label htmlFor="story-headline">Headline</label>
        <input
          id="story-headline"
          key={k("headline")}
          name="headline"
          type="text"
          required
          maxLength={200}
          defaultValue={v.headline}
          className={styles.headline}
          aria-invalid={e.headline ? true : undefined}
          aria-describedby={describe("headline")}
        />
        {error("headline")}
      </div>
      <div className="field">
        <label htmlFor="story-standfirst">Standfirst</label>
        <textarea
          id="story-standfirst"
          key={k("standfirst")}
          name="standfirst"
          rows={2}
          maxLength={400}
          defaultValue={v.standfirst}
          aria-invalid={e.standfirst ? true : undefined}
          aria-describedby={describe("standfirst", true)}
        />
        <p id="story-standfirst-hint" className="field__hint">
          One or two sentences under the headline, also used in lists and when the story is shared.
        </p>
        {error("standfirst")}
      </div>
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="story-section">Section</label>
          <select
            id="story-section"
            key={k("section")}
            name="section"
            defaultValue={v.section}
            aria-invalid={e.section ? true : undefined}
            aria-describedby={describe("section")}
          >
            {sections.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          {error("section")}
        </div>
        <div className="field">
          <label htmlFor="story-byline">Byline</label>
          <input
            id="story-byline"
            key={k("byline")}
            name="byline"
            type="text"
            required
            maxLength={100}
            defaultValue={v.byline}
            aria-invalid={e.byline ? true : undefined}
            aria-describedby={describe("byline")}
          />
          {error("byline")}
        </div>
      </div>
      <div className="field">
        <label htmlFor="story-slug">Slug</label>
        <input
          id="story-slug"
          key={k("slug")}
          name="slug"
          type="text"
          maxLength={120}
          defaultValue={v.slug}
          spellCheck={false}
          autoCapitalize="off"
          aria-invalid={e.slug ? true : undefined}
          aria-describedby={describe("slug", true)}
        />
        <p id="story-slug-hint" className="field__hint">
          The story’s address: /articles/<em>slug</em>. Left empty, it is made from the headline.
          {published ? " Changing it keeps the old address working: it redirects here." : ""}
        </p>
        {error("slug")}
      </div>
      <div className="field">
        <label htmlFor="story-body">Body</label>
        <textarea
          id="story-body"
          key={k("body")}
          name="body"
          rows={18}
          defaultValue={v.body}
          className={styles.body}
          aria-invalid={e.body ? true : undefined}
          aria-describedby={describe("body", true)}
        />
        <p id="story-body-hint" className="field__hint">
          Markdown: a blank line between paragraphs, ## for a subheading, **bold**, *italic*, [links](https://…), &gt;
          for a quote. HTML is shown as text.
        </p>
        {error("body")}
      </div>

      <fieldset className={`fieldset ${styles.group}`}>
        <legend>Lead image</legend>
        <div className="field">
          <label htmlFor="story-image">Image</label>
          <input
            id="story-image"
            name="image"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-invalid={e.image ? true : undefined}
            aria-describedby={describe("image", true)}
          />
          <p id="story-image-hint" className="field__hint">
            {hasImage ? "Choose a file to replace the current image. " : ""}JPEG, PNG or WebP, up to 10 MB. Location and
            camera details are removed.
          </p>
          {error("image")}
        </div>
        <div className="field">
          <label htmlFor="story-imageDescription">Image description</label>
          <input
            id="story-imageDescription"
            key={k("imageDescription")}
            name="imageDescription"
            type="text"
            maxLength={300}
            defaultValue={v.imageDescription}
            aria-invalid={e.imageDescription ? true : undefined}
            aria-describedby={describe("imageDescription", true)}
          />
          <p id="story-imageDescription-hint" className="field__hint">
            What the picture shows, for readers who cannot see it. Required with an image.
          </p>
          {error("imageDescription")}
        </div>
        <div className="field">
          <label htmlFor="story-imageCredit">Image credit</label>
          <input
            id="story-imageCredit"
            key={k("imageCredit")}
            name="imageCredit"
            type="text"
            maxLength={200}
            defaultValue={v.imageCredit}
            aria-invalid={e.imageCredit ? true : undefined}
            aria-describedby={describe("imageCredit")}
          />
          {error("imageCredit")}
        </div>
      </fieldset>

      {published ? (
        <div className="field">
          <label htmlFor="story-correction">Correction</label>
          <textarea
            id="story-correction"
            key={k("correction")}
            name="correction"
            rows={3}
            maxLength={1000}
            defaultValue={v.correction}
            aria-invalid={e.correction ? true : undefined}
            aria-describedby={describe("correction", true)}
          />
          <p id="story-correction-hint" className="field__hint">
            Shown with its date at the foot of the story when you Update. Leave empty for none.
          </p>
          {error("correction")}
        </div>
      ) : null}

      {buttons.schedule ? (
        <div className="field">
          <label htmlFor="story-publishAt">Publish at</label>
          <input
            id="story-publishAt"
            key={k("publishAt")}
            name="publishAt"
            type="datetime-local"
            defaultValue={v.publishAt}
            aria-invalid={e.publishAt ? true : undefined}
            aria-describedby={describe("publishAt", true)}
          />
          <p id="story-publishAt-hint" className="field__hint">
            In UTC. Used by Schedule: the story goes live by itself at that time.
          </p>
          {error("publishAt")}
        </div>
      ) : null}

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
