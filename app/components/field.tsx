import { cloneElement, type ReactElement, type ReactNode } from "react";

/** What <Field> gives its control: the id its label points at, and the ARIA that ties hint and error to it. */
type ControlProps = { id?: string; "aria-invalid"?: React.AriaAttributes["aria-invalid"]; "aria-describedby"?: string };

/**
 * One form field: its label (pointing at the control by id), an optional hint, its error
 * (already translated), and the control itself, which gets the id, `aria-invalid` when
 * there is an error, and `aria-describedby` naming the hint and error shown.
 *
 *   <Field id="email" label={t("email")} error={errorOf("email")}>
 *     <input type="email" {...register("email")} />
 *   </Field>
 *
 * Layout: label, control, hint, error. `hintAbove` puts the hint between label and control
 * (a hint about what to type); `check` is for a checkbox or radio: the label wraps it, as
 * `.option`; `errorReplacesHint` shows the error in the hint's place (one line, always
 * described by the same id). `describedBy` adds ids of texts elsewhere on the page.
 */
export function Field({ id, label, hint, error, hintAbove, check, errorReplacesHint, errorRole, describedBy, children }: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  hintAbove?: boolean;
  check?: boolean;
  errorReplacesHint?: boolean;
  /** "alert" for an error that appears without the form being sent (a file that cannot be read). */
  errorRole?: "alert";
  describedBy?: string;
  children: ReactElement<ControlProps>;
}) {
  const ids = fieldIds(id);
  const shared = errorReplacesHint && hint !== undefined;
  const control = cloneElement(children, {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedByOf(id, { hint: hint !== undefined, error: !!error && !shared, extra: describedBy }),
  });
  const hintText = shared ? (
    <p className={error ? "field-error" : "hint"} id={ids.hint}>
      {error || hint}
    </p>
  ) : (
    hint !== undefined && (
      <p className="hint" id={ids.hint}>
        {hint}
      </p>
    )
  );
  const errorText = error && !shared && (
    <p className="field-error" id={ids.error} role={errorRole}>
      {error}
    </p>
  );
  if (check) {
    return (
      <>
        <label className="option" htmlFor={id}>
          {control}
          {label}
        </label>
        {hintText}
        {errorText}
      </>
    );
  }
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {hintAbove && hintText}
      {control}
      {!hintAbove && hintText}
      {errorText}
    </>
  );
}

/** The ids of a field's hint and error, for controls that describe themselves (a fieldset of boxes). */
export function fieldIds(id: string) {
  return { hint: `${id}-hint`, error: `${id}-error` };
}

/** `aria-describedby` for a field: its hint, then its error, then any other texts; none → undefined. */
export function describedByOf(id: string, { hint, error, extra }: { hint?: boolean; error?: boolean; extra?: string }): string | undefined {
  const ids = fieldIds(id);
  return [hint && ids.hint, error && ids.error, extra].filter(Boolean).join(" ") || undefined;
}

/** The form's one message (an action's refusal, "fix the errors below"), read out when it appears. */
export function FormAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="alert" role="alert">
      {message}
    </p>
  );
}
