"use client";

import { useState, useSyncExternalStore } from "react";
import { whatsappUrl } from "@/lib/poster/short-link";

export interface ShareLabels {
  share: string;
  whatsapp: string;
  copy: string;
  copied: string;
  copyFailed: string;
}

const noSubscription = () => () => {};
const hasShareSheet = () => typeof navigator.share === "function";

/**
 * Passes a link on: the phone's own share sheet where the browser has one (navigator.share),
 * else a WhatsApp link with the text and link filled in and a button that copies the link.
 * The server renders the fallback, so it also works before (or without) the script.
 */
export function ShareButton({ title, text, url, labels }: { title: string; text: string; url: string; labels: ShareLabels }) {
  const sheet = useSyncExternalStore(noSubscription, hasShareSheet, () => false);
  const [sheetFailed, setSheetFailed] = useState(false);
  const [copy, setCopy] = useState<"copied" | "failed" | null>(null);

  if (sheet && !sheetFailed) {
    const share = () =>
      navigator.share({ title, text, url }).catch((error: unknown) => {
        // Closing the sheet is no failure; a refused one leaves the other ways.
        if (!(error instanceof DOMException && error.name === "AbortError")) setSheetFailed(true);
      });
    return (
      <p className="share">
        <button type="button" className="button secondary" onClick={share}>
          {labels.share}
        </button>
      </p>
    );
  }

  // No clipboard outside a secure page (plain http): then the link is shown to copy by hand.
  const copyLink = () =>
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(url))
      .then(() => setCopy("copied"))
      .catch(() => setCopy("failed"));
  return (
    <p className="share">
      <a className="button secondary" href={whatsappUrl(text, url)} target="_blank" rel="noopener noreferrer">
        {labels.whatsapp}
      </a>{" "}
      <button type="button" className="button secondary" onClick={copyLink}>
        {labels.copy}
      </button>
      <span role="status" className="hint share-status">
        {copy === "copied" ? labels.copied : copy === "failed" ? `${labels.copyFailed} ${url}` : ""}
      </span>
    </p>
  );
}
