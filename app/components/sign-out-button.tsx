"use client";

import { signOut } from "@/app/[locale]/(staff)/login/actions";

export function SignOutButton({ label, locale }: { label: string; locale: string }) {
  return (
    <button
      type="button"
      className="link"
      onClick={async () => {
        await signOut();
        window.location.assign(`/${locale}/login`);
      }}
    >
      {label}
    </button>
  );
}
