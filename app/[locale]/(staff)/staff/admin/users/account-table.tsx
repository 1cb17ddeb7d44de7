"use client";

import { useState } from "react";
import { useTranslations } from "@/lib/i18n/client-messages";
import { ScrollRegion } from "@/app/components/share-cells";
import type { Role } from "@/lib/auth/permissions";
import { hasTownScope } from "@/lib/auth/account-schema";
import type { TownChoice } from "../town-picker";
import { AccountActions } from "./account-actions";

export interface AccountRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  townCodes: string[];
  allTowns: boolean;
  /** Disabled by an admin: it cannot sign in. */
  disabled: boolean;
}

/** Every staff account with what it may see, and what an admin can change on each. */
export function AccountTable({ accounts, towns, currentUserId }: { accounts: AccountRow[]; towns: TownChoice[]; currentUserId: string }) {
  const t = useTranslations("adminUsers");
  const tScope = useTranslations("accountSecurity");
  const tSupervision = useTranslations("supervision");
  // A deleted account's row disappears with its own messages, so the table says it.
  const [status, setStatus] = useState<string | null>(null);
  const townNames = new Map(towns.map((town) => [town.code, town.name]));
  return (
    <>
      <p role="status">{status}</p>
      <ScrollRegion label={t("listTitle")}>
        <table data-testid="accounts">
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("towns")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id} data-email={account.email} data-disabled={account.disabled || undefined}>
                <td>
                  {account.name}
                  {account.id === currentUserId && <span className="hint"> ({t("you")})</span>}
                </td>
                <td>{account.email}</td>
                <td>
                  {t(`roles.${account.role}`)}
                  {account.disabled && <span className="hint"> ({tSupervision("accountDisabled")})</span>}
                </td>
                <td>{account.role === "interviewer" ? "—" : !hasTownScope(account.role) || account.allTowns ? t("allTowns") : account.townCodes.length === 0 ? tScope("noTowns") : account.townCodes.map((code) => townNames.get(code) ?? code).join(", ")}</td>
                <td>
                  <AccountActions account={account} towns={towns} isSelf={account.id === currentUserId} onDeleted={() => setStatus(t("deleted", { email: account.email }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
