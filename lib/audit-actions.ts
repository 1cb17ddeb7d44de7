import { importKinds } from "./indicators/import-schema";

/** Every action the audit log records; each has a label under "admin.auditActions". */
export const auditActions = [
  "users.create",
  "users.update",
  "users.resetPassword",
  "users.changeOwnPassword",
  "users.twoFactorOn",
  "users.delete",
  "users.disable",
  "users.enable",
  "tokens.create",
  "tokens.revoke",
  "waves.create",
  "waves.open",
  "waves.close",
  "waves.hideResults",
  "priorityLists.rule",
  "priorityLists.add",
  "priorityLists.correct",
  "priorityLists.remove",
  ...importKinds.map((kind) => `indicators.import.${kind}` as const),
  "commitment.create",
  "commitment.update",
  "commitment.import",
  "interview.approve",
  "interview.reject",
] as const;

export type AuditAction = (typeof auditActions)[number];

/**
 * An action as the admin page names it in the reader's language. An entry written by
 * another version of the app may carry an action this one has no label for: its key then.
 */
export function auditActionLabel(action: string, translate: (key: `auditActions.${AuditAction}`) => string): string {
  return (auditActions as readonly string[]).includes(action) ? translate(`auditActions.${action as AuditAction}`) : action;
}
