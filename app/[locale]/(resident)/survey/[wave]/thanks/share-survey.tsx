"use client";

import { useSyncExternalStore } from "react";
import { ShareButton, type ShareLabels } from "@/app/components/share-button";
import { answeredTown } from "./answered-town";

const noSubscription = () => () => {};

export interface SharedSurvey {
  title: string;
  text: string;
  url: string;
}

/**
 * The thanks page's share button: the survey's link for the town the resident answered for
 * (read from this tab's storage, as ./town-link.tsx does), else the survey's own address.
 */
export function ShareSurvey({ waveSlug, byTown, any, labels }: { waveSlug: string; byTown: Record<string, SharedSurvey>; any: SharedSurvey; labels: ShareLabels }) {
  const code = useSyncExternalStore(noSubscription, () => answeredTown(waveSlug), () => null);
  const shared = (code && byTown[code]) || any;
  return <ShareButton {...shared} labels={labels} />;
}
