/** What staff form actions return to `useActionState` (and render without JS). */
export type AdminFormState = {
  ok: boolean;
  message: string;
  errors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
};

export const initialAdminFormState: AdminFormState = { ok: false, message: "" };
