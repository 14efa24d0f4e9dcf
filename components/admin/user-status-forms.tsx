"use client";

import type { Role } from "@/lib/vocabulary";
import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";
import { FieldError, FormMessage } from "./form-message";
import styles from "./admin.module.css";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export function SuspendForm({ action, userId, disabled }: { action: Action; userId: string; disabled?: boolean }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const reasonError = state.errors?.reason;
  const daysError = state.errors?.days;
  const days = state.ok ? "1" : (state.values?.days ?? "1");
  return (
    <form action={formAction} className={styles.subform} aria-label="Suspend">
      <h3>Suspend</h3>
      <input type="hidden" name="userId" value={userId} />
      <fieldset className="fieldset" aria-describedby={daysError ? "suspend-days-error" : undefined}>
        <legend>Duration</legend>
        <div className={styles.radios}>
          {(["1", "7", "30"] as const).map((d) => (
            <label key={d} className="choice">
              <input type="radio" name="days" value={d} defaultChecked={days === d} disabled={disabled} />
              {d === "1" ? "1 day" : `${d} days`}
            </label>
          ))}
        </div>
        <FieldError id="suspend-days-error" error={daysError} />
      </fieldset>
      <div className="field">
        <label htmlFor="suspend-reason">Reason</label>
        <textarea
          id="suspend-reason"
          name="reason"
          rows={2}
          required
          maxLength={500}
          disabled={disabled}
          defaultValue={state.ok ? "" : (state.values?.reason ?? "")}
          key={state.ok ? `ok-${state.message}` : "form"}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? "suspend-reason-error" : "suspend-reason-hint"}
        />
        <p id="suspend-reason-hint" className="field__hint">
          Shown to the reader in place of the comment form.
        </p>
        <FieldError id="suspend-reason-error" error={reasonError} />
      </div>
      <div className="actions">
        <button type="submit" className="button button--small" disabled={disabled || pending}>
          Suspend
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function BanForm({ action, userId, disabled }: { action: Action; userId: string; disabled?: boolean }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const reasonError = state.errors?.reason;
  return (
    <form action={formAction} className={styles.subform} aria-label="Ban">
      <h3>Ban</h3>
      <input type="hidden" name="userId" value={userId} />
      <div className="field">
        <label htmlFor="ban-reason">Reason</label>
        <textarea
          id="ban-reason"
          name="reason"
          rows={2}
          required
          maxLength={500}
          disabled={disabled}
          defaultValue={state.ok ? "" : (state.values?.reason ?? "")}
          key={state.ok ? `ok-${state.message}` : "form"}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? "ban-reason-error" : "ban-reason-hint"}
        />
        <p id="ban-reason-hint" className="field__hint">
          A ban has no end date. The reader keeps read access and sees this reason.
        </p>
        <FieldError id="ban-reason-error" error={reasonError} />
      </div>
      <div className="actions">
        <button type="submit" className="button button--small button--danger" disabled={disabled || pending}>
          Ban
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function LiftForm({ action, userId, disabled }: { action: Action; userId: string; disabled?: boolean }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className={styles.subform} aria-label="Lift">
      <h3>Lift</h3>
      <input type="hidden" name="userId" value={userId} />
      <div className="field">
        <label htmlFor="lift-reason">Reason (optional)</label>
        <input
          id="lift-reason"
          type="text"
          name="reason"
          maxLength={500}
          disabled={disabled}
          defaultValue={state.ok ? "" : (state.values?.reason ?? "")}
          autoComplete="off"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button--small" disabled={disabled || pending}>
          Lift
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function RoleForm({
  action,
  userId,
  currentRole,
  lockedReason,
}: {
  action: Action;
  userId: string;
  currentRole: Role;
  /** Set when no change is possible (e.g. the last admin), explaining why. */
  lockedReason?: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const roles = [
    ["writer", "Make writer"],
    ["moderator", "Make moderator"],
    ["editor", "Make editor"],
    ["admin", "Make admin"],
    ["reader", "Make reader"],
  ] as const;
  return (
    <form action={formAction} className={styles.subform} aria-label="Role">
      <h3>Role</h3>
      <input type="hidden" name="userId" value={userId} />
      {lockedReason ? <p className="field__hint">{lockedReason}</p> : null}
      <div className="actions">
        {roles.map(([role, label]) => (
          <button
            key={role}
            type="submit"
            name="role"
            value={role}
            className="button button--small"
            disabled={pending || role === currentRole || (!!lockedReason && currentRole === "admin")}
          >
            {label}
          </button>
        ))}
      </div>
      <FormMessage state={state} />
    </form>
  );
}
