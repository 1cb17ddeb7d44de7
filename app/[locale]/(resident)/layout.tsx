import { getTranslations } from "next-intl/server";
import { OutboxSender } from "@/app/components/resident/outbox-sender";
import { isLocale } from "@/lib/i18n/locales";
import { residentErrorMessages } from "./error-messages";

/** Resident pages: every one of them sends answers waiting in the phone's outbox. */
export default async function ResidentLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!isLocale(locale)) return children;
  const t = await getTranslations({ locale, namespace: "outbox" });
  return (
    <>
      <OutboxSender
        locale={locale}
        labels={{ waiting: t.raw("waiting") as string, sending: t("sending"), sent: t("sent"), rejected: t.raw("rejected") as string, fix: t("fix"), paused: t("paused") }}
        errors={await residentErrorMessages(locale)}
      />
      {children}
    </>
  );
}
