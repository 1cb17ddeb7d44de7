"use client";

import { useCallback, useEffect, useState } from "react";
import {
  countRefusal,
  enqueueInterview,
  forgetDevice,
  interviewEntries,
  readDevice,
  refusalCount,
  sendInterview,
  writeDevice,
  type DeviceState,
  type InterviewEntry,
} from "@/app/components/interviewer/device-store";
import { canInterview, type InterviewSubmission, type SyncedAssignment } from "@/lib/fieldwork/interview";
import { formatMessage } from "@/lib/i18n/format-message";
import { nextAttemptDelay } from "@/lib/retry-after";
import { InterviewFlow } from "./interview-flow";
import { registerOfflineWorker } from "./offline-worker";
import { SignInForm } from "./sign-in-form";
import type { InterviewTexts, QuestionnaireView } from "./views";

interface Props {
  locale: string;
  texts: InterviewTexts;
  /** Translated messages by key: the server's refusals (fieldwork.errors.*, errors.*). */
  errors: Record<string, string>;
  questionnaires: Record<string, QuestionnaireView>;
  ageBandLabels: Record<number, string>;
  sexLabels: Record<number, string>;
}

type View = { kind: "home" } | { kind: "interview"; assignmentId: number; run: number } | { kind: "saved"; assignmentId: number };

/**
 * The interviewer's app: signed in once (the device credential kept in IndexedDB), the
 * assignments as of the last sync, interviews conducted with or without a network, and the
 * outbox that sends them whenever there is one.
 */
export function InterviewApp({ locale, texts, errors, questionnaires, ageBandLabels, sexLabels }: Props) {
  const [device, setDevice] = useState<DeviceState | null | undefined>(undefined);
  const [entries, setEntries] = useState<InterviewEntry[]>([]);
  const [sending, setSending] = useState(false);
  const [signInAgain, setSignInAgain] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [syncProblem, setSyncProblem] = useState<string | null>(null);
  const [offlineReady, setOfflineReady] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const [view, setView] = useState<View>({ kind: "home" });
  const message = (key?: string) => (key && errors[key]) || texts.unexpected;
  const time = (ms: number) => new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }).format(ms);

  const sync = useCallback(async (state: DeviceState) => {
    if (!navigator.onLine) return;
    setSyncing(true);
    try {
      const response = await fetch("/api/fieldwork/assignments", { headers: { authorization: `Bearer ${state.credential}` }, cache: "no-store" });
      const body = (await response.json().catch(() => ({}))) as { status?: string; messageKey?: string; interviewer?: { name: string }; assignments?: SyncedAssignment[] };
      if (response.ok && body.status === "ok" && body.assignments) {
        const next = { ...state, interviewer: body.interviewer?.name ?? state.interviewer, assignments: body.assignments, syncedAt: Date.now() };
        await writeDevice(next);
        setDevice(next);
        setSyncProblem(null);
      } else if (response.status === 401) setSignInAgain(true);
      else setSyncProblem(body.messageKey ?? "unexpected");
    } catch {
      setSyncProblem("unexpected");
    } finally {
      setSyncing(false);
    }
  }, []);

  // The outbox: sent on start, when the network comes back, after each interview, and every half minute.
  useEffect(() => {
    let running = false;
    let stopped = false;
    let timer: number | undefined;
    const flush = async () => {
      if (running || stopped) return;
      running = true;
      let askedMs: number | undefined;
      let sent = 0;
      try {
        const state = await readDevice();
        const waiting = (await interviewEntries()).filter((entry) => !entry.rejected);
        if (state && navigator.onLine && waiting.length > 0) {
          setSending(true);
          for (const entry of waiting) {
            const result = await sendInterview(entry, state.credential);
            if (result.outcome === "sent") sent++;
            if (result.outcome === "signInAgain") {
              setSignInAgain(true);
              break;
            }
            if (result.outcome === "retry" && result.waitMs !== undefined) {
              askedMs = result.waitMs;
              break;
            }
          }
        }
        setEntries(await interviewEntries());
        if (sent > 0 && state) await sync(state);
      } finally {
        running = false;
        setSending(false);
        if (!stopped) {
          window.clearTimeout(timer);
          timer = window.setTimeout(flush, nextAttemptDelay({ askedMs, intervalMs: 30_000 }));
        }
      }
    };
    void flush();
    window.addEventListener("online", flush);
    window.addEventListener("qala-interviews-changed", flush);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener("online", flush);
      window.removeEventListener("qala-interviews-changed", flush);
    };
  }, [sync]);

  // On start: what the device remembers, a fresh sync when online, and the offline worker.
  useEffect(() => {
    void (async () => {
      const state = (await readDevice()) ?? null;
      setDevice(state);
      setRefusals(await refusalCount());
      if (state) await sync(state);
    })();
    const online = () => void readDevice().then((state) => state && sync(state));
    window.addEventListener("online", online);
    void registerOfflineWorker(locale).then((ready) => setOfflineReady(ready));
    return () => window.removeEventListener("online", online);
  }, [locale, sync]);

  const signedIn = async (credential: string, interviewer: string) => {
    const state: DeviceState = { credential, interviewer, assignments: device?.assignments ?? [], syncedAt: device?.syncedAt };
    await writeDevice(state);
    setDevice(state);
    setSignInAgain(false);
    await sync(state);
    window.dispatchEvent(new Event("qala-interviews-changed"));
  };

  const waiting = entries.filter((entry) => !entry.rejected);
  const refused = entries.filter((entry) => entry.rejected);
  const outbox = (
    <div className="interview-outbox">
      <p className={`outbox ${waiting.length > 0 ? "waiting" : "sent"}`} role="status" data-testid="interview-outbox">
        {formatMessage(texts.waiting, locale, { count: waiting.length })}
        {sending && ` ${texts.sending}`}
      </p>
      {refused.map((entry) => (
        <p key={entry.submission.responseId} className="outbox rejected" data-testid="interview-refused">
          {formatMessage(texts.refusedByServer, locale, { reason: message(entry.rejected?.messageKey) })}
        </p>
      ))}
    </div>
  );

  if (device === undefined) return <p className="hint">…</p>;

  if (device === null || signInAgain) {
    return (
      <>
        {entries.length > 0 && outbox}
        {signInAgain && <p className="notice">{texts.signInAgain}</p>}
        <SignInForm texts={texts} errors={errors} onSignedIn={signedIn} />
      </>
    );
  }

  const assignment = (id: number) => device.assignments.find((candidate) => candidate.id === id);
  const syncedAt = device.syncedAt ? time(device.syncedAt) : "";

  if (view.kind === "interview") {
    const chosen = assignment(view.assignmentId);
    const questionnaire = chosen && questionnaires[chosen.wave.questionnaireVersion];
    if (chosen && questionnaire) {
      return (
        <InterviewFlow
          key={view.run}
          locale={locale}
          assignment={chosen}
          questionnaire={questionnaire}
          texts={texts}
          syncedAt={syncedAt}
          onRefused={() => void countRefusal().then(setRefusals)}
          onCancel={() => setView({ kind: "home" })}
          onFinished={async (submission: InterviewSubmission) => {
            await enqueueInterview(submission);
            setEntries(await interviewEntries());
            setView({ kind: "saved", assignmentId: chosen.id });
            window.scrollTo(0, 0);
            window.dispatchEvent(new Event("qala-interviews-changed"));
          }}
        />
      );
    }
  }

  if (view.kind === "saved") {
    return (
      <section aria-labelledby="saved-heading">
        {outbox}
        <h2 id="saved-heading">{texts.savedTitle}</h2>
        <p>{texts.savedText}</p>
        <div className="step-buttons">
          <button type="button" className="button" onClick={() => setView({ kind: "interview", assignmentId: view.assignmentId, run: Date.now() })}>
            {texts.nextInterview}
          </button>
          <button type="button" className="button secondary" onClick={() => setView({ kind: "home" })}>
            {texts.backToAssignments}
          </button>
        </div>
      </section>
    );
  }

  return (
    <>
      {outbox}
      <p>{formatMessage(texts.signedInAs, locale, { name: device.interviewer })}</p>
      {offlineReady && (
        <p className="hint" data-testid="offline-ready">
          {texts.offlineReady}
        </p>
      )}
      <p className="hint" data-testid="synced-at">
        {device.syncedAt ? formatMessage(texts.asOf, locale, { time: syncedAt }) : texts.neverSynced}
      </p>
      {syncProblem && <p className="notice">{formatMessage(texts.syncFailed, locale, { reason: message(syncProblem) })}</p>}
      <button type="button" className="button secondary" disabled={syncing} onClick={() => void sync(device)}>
        {syncing ? texts.syncing : texts.sync}
      </button>
      {device.assignments.length === 0 && <p>{texts.noAssignments}</p>}
      {device.assignments.map((item) => (
        <section key={item.id} className="assignment" aria-labelledby={`assignment-${item.id}`}>
          <h2 id={`assignment-${item.id}`}>
            {item.town.name[locale as "kk"]} · {item.wave.name[locale as "kk"]}
          </h2>
          <p>
            {formatMessage(texts.progress, locale, { completes: item.completes, target: item.target })}
            {!canInterview(item) && ` · ${texts.closed}`}
          </p>
          {item.cells.length > 0 && (
            <table className="quota-cells">
              <caption>{texts.cellsTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{texts.ageBandColumn}</th>
                  <th scope="col">{texts.sexColumn}</th>
                  <th scope="col">{texts.completesColumn}</th>
                </tr>
              </thead>
              <tbody>
                {item.cells.map((cell) => (
                  <tr key={`${cell.ageBand}-${cell.sex}`} className={cell.full ? "full" : "open"}>
                    <td>{ageBandLabels[cell.ageBand] ?? cell.ageBand}</td>
                    <td>{sexLabels[cell.sex] ?? cell.sex}</td>
                    <td>{formatMessage(cell.full ? texts.cellFullShort : texts.cellOpen, locale, { completes: cell.completes, target: cell.target })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {canInterview(item) && questionnaires[item.wave.questionnaireVersion] && (
            <button type="button" className="button full" onClick={() => setView({ kind: "interview", assignmentId: item.id, run: Date.now() })}>
              {texts.start}
            </button>
          )}
        </section>
      ))}
      {refusals > 0 && <p className="hint">{formatMessage(texts.refusals, locale, { count: refusals })}</p>}
      {confirmSignOut ? (
        <div className="notice" role="alertdialog" aria-labelledby="sign-out-warning">
          <p id="sign-out-warning">{formatMessage(texts.signOutWarning, locale, { count: waiting.length })}</p>
          <div className="step-buttons">
            <button type="button" className="button" onClick={() => void forgetDevice().then(() => (setConfirmSignOut(false), setDevice(null)))}>
              {texts.signOutConfirm}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirmSignOut(false)}>
              {texts.cancel}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="link"
          onClick={() => (waiting.length > 0 ? setConfirmSignOut(true) : void forgetDevice().then(() => setDevice(null)))}
        >
          {texts.signOut}
        </button>
      )}
    </>
  );
}
