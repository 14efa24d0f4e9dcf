"use client";

import { useActionState } from "react";
import type { PremodMode } from "@/lib/vocabulary";
import { initialFormState, type FormState } from "@/lib/form-state";
import { FieldError, FormMessage } from "./form-message";
import styles from "./admin.module.css";

export type SettingsValues = {
  premoderation: PremodMode;
  premodNewThreshold: number;
  bannedWords: string[];
  suspectWords: string[];
  autoCloseDays: number;
  requireConfirmedEmail: boolean;
};

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

const MODES: { value: PremodMode; label: string; hint: string }[] = [
  { value: "off", label: "Off", hint: "Comments publish at once (links from first-time commenters are still held)." },
  { value: "new", label: "New readers", hint: "Hold a reader's comments until they have enough approved ones." },
  { value: "all", label: "Everyone", hint: "Every reader comment waits for a moderator." },
];

export function SettingsForm({ action, settings }: { action: Action; settings: SettingsValues }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = state.values;
  const e = state.errors ?? {};
  const mode = v?.premoderation ?? settings.premoderation;
  return (
    <form action={formAction} className="form" aria-label="Moderation settings" style={{ maxWidth: "44rem" }}>
      <section className={styles.panel}>
        <fieldset className="fieldset" aria-describedby={e.premoderation ? "premod-error" : undefined}>
          <legend>Pre-moderation</legend>
          {MODES.map((m) => (
            <div key={m.value}>
              <label className="choice">
                <input
                  type="radio"
                  name="premoderation"
                  value={m.value}
                  defaultChecked={mode === m.value}
                  aria-describedby={`premod-${m.value}-hint`}
                />
                {m.label}
              </label>
              <p id={`premod-${m.value}-hint`} className="field__hint" style={{ margin: "0 0 0 1.75rem" }}>
                {m.hint}
              </p>
            </div>
          ))}
          <FieldError id="premod-error" error={e.premoderation} />
        </fieldset>
        <div className="field" style={{ marginTop: "var(--space-4)", maxWidth: "20rem" }}>
          <label htmlFor="premod-threshold">First comments held for new readers</label>
          <input
            id="premod-threshold"
            name="premodNewThreshold"
            type="number"
            min={1}
            max={100}
            inputMode="numeric"
            defaultValue={v?.premodNewThreshold ?? settings.premodNewThreshold}
            aria-invalid={e.premodNewThreshold ? true : undefined}
            aria-describedby={e.premodNewThreshold ? "threshold-error" : "threshold-hint"}
          />
          <p id="threshold-hint" className="field__hint">
            With “New readers”: held until the reader has this many approved comments.
          </p>
          <FieldError id="threshold-error" error={e.premodNewThreshold} />
        </div>
      </section>

      <section className={styles.panel}>
        <h2 className={styles.panelTitle}>Word lists</h2>
        <div className="field">
          <label htmlFor="banned-words">Banned words</label>
          <textarea
            id="banned-words"
            name="bannedWords"
            rows={5}
            defaultValue={v?.bannedWords ?? settings.bannedWords.join("\n")}
            aria-invalid={e.bannedWords ? true : undefined}
            aria-describedby={e.bannedWords ? "banned-error" : "banned-hint"}
          />
          <p id="banned-hint" className="field__hint">
            One word or phrase per line. A comment containing one is refused with a message. Whole words, any case.
          </p>
          <FieldError id="banned-error" error={e.bannedWords} />
        </div>
        <div className="field" style={{ marginTop: "var(--space-4)" }}>
          <label htmlFor="suspect-words">Suspect words</label>
          <textarea
            id="suspect-words"
            name="suspectWords"
            rows={5}
            defaultValue={v?.suspectWords ?? settings.suspectWords.join("\n")}
            aria-invalid={e.suspectWords ? true : undefined}
            aria-describedby={e.suspectWords ? "suspect-error" : "suspect-hint"}
          />
          <p id="suspect-hint" className="field__hint">
            One per line. A comment containing one is held for review with the word named in the queue.
          </p>
          <FieldError id="suspect-error" error={e.suspectWords} />
        </div>
      </section>

      <section className={styles.panel}>
        <h2 className={styles.panelTitle}>Comment window</h2>
        <div className="field" style={{ maxWidth: "20rem" }}>
          <label htmlFor="auto-close">Close comments after (days)</label>
          <input
            id="auto-close"
            name="autoCloseDays"
            type="number"
            min={0}
            max={3650}
            inputMode="numeric"
            defaultValue={v?.autoCloseDays ?? settings.autoCloseDays}
            aria-invalid={e.autoCloseDays ? true : undefined}
            aria-describedby={e.autoCloseDays ? "auto-close-error" : "auto-close-hint"}
          />
          <p id="auto-close-hint" className="field__hint">
            Days after publication; 0 keeps comments open until closed by hand.
          </p>
          <FieldError id="auto-close-error" error={e.autoCloseDays} />
        </div>
        <div className="field" style={{ marginTop: "var(--space-4)" }}>
          <label className="choice">
            <input
              type="checkbox"
              name="requireConfirmedEmail"
              // After a refused save, show what was submitted (an unticked box sends nothing).
              defaultChecked={v ? v.requireConfirmedEmail === "on" : settings.requireConfirmedEmail}
              aria-describedby="confirmed-email-hint"
            />
            Require a confirmed email to comment
          </label>
          <p id="confirmed-email-hint" className="field__hint" style={{ margin: "0 0 0 1.75rem" }}>
            Readers who have not opened the link we mailed them see “Confirm your email to comment.” instead of the
            form. Accounts from GitHub or Google count as confirmed.
          </p>
        </div>
      </section>

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          Save settings
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
