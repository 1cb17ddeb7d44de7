import { getTranslations } from "next-intl/server";
import type { ShareLabels } from "./share-button";

/** The share button's texts in the reader's language, for a server page to hand it. */
export async function shareLabels(locale: string): Promise<ShareLabels> {
  const t = await getTranslations({ locale, namespace: "poster" });
  return { share: t("share"), whatsapp: t("shareWhatsApp"), copy: t("copyLink"), copied: t("copied"), copyFailed: t("copyFailed") };
}
