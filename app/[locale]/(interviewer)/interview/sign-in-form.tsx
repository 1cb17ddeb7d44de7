"use client";

import { useState } from "react";
import type { InterviewTexts } from "./views";

interface Props {
  texts: InterviewTexts;
  errors: Record<string, string>;
  onSignedIn: (credential: string, interviewer: string) => Promise<void>;
}

/**
 * Sign-in once per device: the e-mail and password are sent to POST /api/fieldwork/devices,
 * which answers with the device credential (shown once, kept in IndexedDB). Neither the
 * password nor the credential is kept anywhere else.
 */
export function SignInForm({ texts, errors, onSignedIn }: Props) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (form: HTMLFormElement) => {
    if (!navigator.onLine) {
      setProblem(texts.signInOffline);
      return;
    }
    const data = new FormData(form);
    setBusy(true);
    setProblem(null);
    try {
      const response = await fetch("/api/fieldwork/devices", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") }),
      });
      const body = (await response.json().catch(() => ({}))) as { status?: string; credential?: string; interviewer?: { name: string }; messageKey?: string };
      if (response.ok && body.status === "ok" && body.credential) {
        await onSignedIn(body.credential, body.interviewer?.name ?? "");
        return;
      }
      setProblem((body.messageKey && errors[body.messageKey]) || texts.unexpected);
    } catch {
      setProblem(texts.signInOffline);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="interview-sign-in"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      <h2>{texts.signInTitle}</h2>
      <p>{texts.signInIntro}</p>
      <label htmlFor="interview-email">{texts.email}</label>
      <input id="interview-email" name="email" type="email" autoComplete="username" required />
      <label htmlFor="interview-password">{texts.password}</label>
      <input id="interview-password" name="password" type="password" autoComplete="current-password" required />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button full" disabled={busy}>
        {busy ? texts.signingIn : texts.signIn}
      </button>
    </form>
  );
}
