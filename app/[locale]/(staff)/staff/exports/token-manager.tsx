"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "@/lib/i18n/client-messages";
import { Field, FormAlert } from "@/app/components/field";
import { useActionForm } from "@/app/components/use-action-form";
import { createTokenSchema, TOKEN_EXPIRIES, type CreateTokenInput } from "@/lib/auth/token-schema";
import { useMessage } from "../admin/form-messages";
import { createToken, revokeToken } from "./actions";

/** A token as the list shows it; dates are formatted on the server, in the reader's language. */
export interface TokenRow {
  id: number;
  name: string;
  owner: string;
  created: string;
  expires: string;
  lastUsed: string;
  state: "active" | "expired" | "revoked";
}

const EMPTY: CreateTokenInput = { name: "", expiry: "90" };

/** Create a token (shown once), see when each was last used, revoke one. */
export function TokenManager({ tokens, showOwner }: { tokens: TokenRow[]; showOwner: boolean }) {
  const t = useTranslations("exports");
  const message = useMessage("exports");
  const router = useRouter();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const { register, reset, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: createTokenSchema,
    defaultValues: EMPTY,
    action: createToken,
    message,
    // The one-time token stays on screen until it is noted or another is made.
    onOk: (result) => {
      setCreated({ name: result.name, token: result.token });
      reset(EMPTY);
      router.refresh();
    },
  });

  return (
    <>
      {created && (
        <div className="notice" role="status">
          <p>{t("tokenCreated", { name: created.name })}</p>
          <p>
            <code data-testid="new-token">{created.token}</code>
          </p>
          <p className="hint">{t("tokenOnce")}</p>
          <button type="button" className="link" onClick={() => setCreated(null)}>
            {t("tokenNoted")}
          </button>
        </div>
      )}
      <form className="choose" onSubmit={onSubmit} noValidate aria-label={t("createToken")}>
        <FormAlert message={formError} />
        <Field id="token-name" label={t("tokenName")} hint={t("tokenNameHint")} error={errorOf("name")} errorReplacesHint>
          <input autoComplete="off" {...register("name")} />
        </Field>
        <Field id="token-expiry" label={t("tokenExpiry")}>
          <select {...register("expiry")}>
            {TOKEN_EXPIRIES.map((expiry) => (
              <option key={expiry} value={expiry}>
                {t(`expiries.${expiry}`)}
              </option>
            ))}
          </select>
        </Field>
        <p>
          <button className="button" type="submit" disabled={pending}>
            {pending ? t("creatingToken") : t("createToken")}
          </button>
        </p>
      </form>
      {tokens.length === 0 ? (
        <p>{t("noTokens")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="tokens">
            <thead>
              <tr>
                <th scope="col">{t("tokenName")}</th>
                {showOwner && <th scope="col">{t("owner")}</th>}
                <th scope="col">{t("created")}</th>
                <th scope="col">{t("expires")}</th>
                <th scope="col">{t("lastUsed")}</th>
                <th scope="col">{t("state")}</th>
                <th scope="col">
                  <span className="skip">{t("revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  {showOwner && <td>{token.owner}</td>}
                  <td>{token.created}</td>
                  <td>{token.expires}</td>
                  <td>{token.lastUsed}</td>
                  <td>{t(`states.${token.state}`)}</td>
                  <td>{token.state === "active" && <RevokeButton id={token.id} name={token.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Revoking cannot be undone and stops the scripts that use the token: it asks once more. */
function RevokeButton({ id, name }: { id: number; name: string }) {
  const t = useTranslations("exports");
  const message = useMessage("exports");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const revoke = () =>
    startTransition(async () => {
      const result = await revokeToken({ tokenId: id });
      if (result.status === "ok") router.refresh();
      else setError(message(result.status === "error" ? result.messageKey : "exports.errors.tokenNotFound"));
    });

  if (!confirming) {
    return (
      <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
        {t("revoke")}
      </button>
    );
  }
  return (
    <div>
      <p>{t("confirmRevoke", { name })}</p>
      <FormAlert message={error} />
      <button type="button" className="button secondary" disabled={pending} onClick={revoke}>
        {pending ? t("revoking") : t("confirm")}
      </button>{" "}
      <button type="button" className="link" disabled={pending} onClick={() => setConfirming(false)}>
        {t("cancel")}
      </button>
    </div>
  );
}
