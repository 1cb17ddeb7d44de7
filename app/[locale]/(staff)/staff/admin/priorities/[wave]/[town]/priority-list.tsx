"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import type { Locale } from "@/lib/i18n/locales";
import { usePriorityMessage } from "../../use-priority-message";
import { removePriority } from "../../actions";
import { PriorityForm, type AreaChoice, type PriorityRow } from "./priority-form";

/** The town's candidate priorities, each to correct or (before the first response) remove, then the form to add one. */
export function PriorityList({ waveSlug, townCode, locale, locked, hasElection, areas, priorities }: {
  waveSlug: string;
  townCode: string;
  locale: Locale;
  locked: boolean;
  hasElection: boolean;
  areas: AreaChoice[];
  priorities: PriorityRow[];
}) {
  const t = useTranslations("priorities");
  const message = usePriorityMessage();
  const router = useRouter();
  const [editing, setEditing] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const areaTitle = (id: string) => areas.find((area) => area.id === id)?.title ?? id;

  const remove = (id: number) =>
    startTransition(async () => {
      setOutcome(null);
      const result = await removePriority({ waveSlug, townCode, id }).catch(() => ({ status: "error" as const, messageKey: "errors.unexpected" }));
      if (result.status === "ok") {
        setOutcome({ ok: true, text: t("admin.removed") });
        router.refresh();
      } else setOutcome({ ok: false, text: message(result.status === "error" ? result.messageKey : "priorities.admin.errors.notFound") });
    });

  return (
    <>
      <h2>{t("admin.listTitle")}</h2>
      {outcome &&
        (outcome.ok ? (
          <p role="status">{outcome.text}</p>
        ) : (
          <p className="alert" role="alert">
            {outcome.text}
          </p>
        ))}
      {priorities.length === 0 ? (
        <p>{t("admin.empty")}</p>
      ) : (
        <ol className="priority-list" data-testid="priority-list">
          {priorities.map((priority) => (
            <li key={priority.id}>
              {editing === priority.id ? (
                <PriorityForm
                  waveSlug={waveSlug}
                  townCode={townCode}
                  areas={areas}
                  priority={priority}
                  costLocked={locked}
                  onDone={() => setEditing(null)}
                />
              ) : (
                <>
                  <strong>{priority.title[locale]}</strong>
                  <p>{priority.description[locale]}</p>
                  <p className="hint">
                    {priority.cost === null ? t("admin.noCost") : t("admin.costValue", { cost: priority.cost })} · {t("admin.answers", { area: areaTitle(priority.areaId) })}
                  </p>
                  <p>
                    <button type="button" className="button secondary" onClick={() => setEditing(priority.id)} aria-label={`${t("admin.edit")}: ${priority.title[locale]}`}>
                      {t("admin.edit")}
                    </button>{" "}
                    {!locked && (
                      <button
                        type="button"
                        className="button secondary"
                        disabled={pending}
                        onClick={() => remove(priority.id)}
                        aria-label={`${t("admin.remove")}: ${priority.title[locale]}`}
                      >
                        {pending ? t("admin.removing") : t("admin.remove")}
                      </button>
                    )}
                  </p>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {!hasElection ? (
        <p className="notice">{t("admin.needRule")}</p>
      ) : (
        !locked && (
          <>
            <h2>{t("admin.addTitle")}</h2>
            <PriorityForm waveSlug={waveSlug} townCode={townCode} areas={areas} costLocked={false} />
          </>
        )
      )}
    </>
  );
}
