import { getTranslations, setRequestLocale } from "next-intl/server";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

/** Only paths inside this app, so a crafted link cannot send a signed-in user elsewhere. */
function safeNext(value: unknown, locale: string): string {
  return typeof value === "string" && /^\/[a-z]{2}\/staff(\/[\w\-/]*)?$/.test(value) ? value : `/${locale}/staff`;
}

export default async function LoginPage({ params, searchParams }: PageProps<"/[locale]/login">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const next = safeNext((await searchParams).next, locale);
  const t = await getTranslations({ locale, namespace: "login" });
  const tErrors = await getTranslations({ locale, namespace: "errors" });
  const tSecurity = await getTranslations({ locale, namespace: "accountSecurity" });
  const tFieldwork = await getTranslations({ locale, namespace: "fieldwork" });
  return (
    <>
      <SiteHeader locale={locale} path="/login" />
      <main id="main">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        <LoginForm
          next={next}
          labels={{
            email: t("email"),
            password: t("password"),
            submit: t("submit"),
            signingIn: t("signingIn"),
            code: tSecurity("code"),
            codeHint: tSecurity("codeHint"),
            codeIntro: tSecurity("signInCodeIntro"),
            codeSubmit: tSecurity("signInCode"),
          }}
          errors={{
            ...Object.fromEntries(["required", "email", "loginFailed", "tooManyAttempts", "unsafeText", "unexpected", "oneTimePasswordExpired", "wrongCode"].map((key) => [`errors.${key}`, tErrors(key)])),
            "fieldwork.errors.accountDisabled": tFieldwork("errors.accountDisabled"),
          }}
        />
      </main>
    </>
  );
}
