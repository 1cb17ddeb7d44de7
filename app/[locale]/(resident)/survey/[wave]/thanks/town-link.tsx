"use client";

import { useSyncExternalStore } from "react";
import { answeredTown } from "./answered-town";

const noSubscription = () => () => {};

/**
 * The thanks page's way on: to the page of the town the resident answered for (from this
 * tab's storage, ./answered-town.ts), else to the list of towns. The server renders the
 * list link; the browser swaps in the town's once it has read the storage.
 */
export function TownLink({ locale, waveSlug, towns, anyLabel }: { locale: string; waveSlug: string; towns: Array<{ code: string; label: string }>; anyLabel: string }) {
  const code = useSyncExternalStore(noSubscription, () => answeredTown(waveSlug), () => null);
  const town = towns.find((candidate) => candidate.code === code);
  return town ? (
    <a className="button" href={`/${locale}/towns/${town.code}`}>
      {town.label}
    </a>
  ) : (
    <a className="button" href={`/${locale}#towns`}>
      {anyLabel}
    </a>
  );
}
