"use client";

import { useRouter } from "next/navigation";
import { signOut } from "@/app/[locale]/(staff)/login/actions";

export function SignOutButton({ label, locale }: { label: string; locale: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className="link"
      onClick={async () => {
        await signOut();
        router.replace(`/${locale}/login`);
        router.refresh();
      }}
    >
      {label}
    </button>
  );
}
