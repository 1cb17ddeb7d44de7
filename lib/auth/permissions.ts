/** The staff roles; residents never sign in. */
export const ROLES = ["admin", "official", "researcher", "interviewer", "supervisor"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may do what: one table, read by every page, route and server action (each checks
 * for itself, never only middleware). Tests walk this table, action by action and role by
 * role, and expect 403 wherever a role is missing.
 */
export const permissions = {
  /** Town dashboards, comparisons across towns, breakdowns. */
  "dashboard.view": ["admin", "official"],
  /** Anonymised microdata and aggregate tables. */
  "export.download": ["admin", "researcher"],
  /** One's own password: every staff member. */
  "password.changeOwn": ["admin", "official", "researcher", "interviewer", "supervisor"],
  /**
   * Conducting interviews: signing a device in, reading one's assignments and open quota
   * cells, sending interviews with the device credential (docs/fieldwork.md).
   */
  "interviews.conduct": ["interviewer"],
  /**
   * Running fieldwork in one's towns (a supervisor's town list; an admin's all): assignments
   * and quotas, the fieldwork monitor, the quality report, approving and rejecting interviews.
   * The interviewer is known here and nowhere else.
   */
  "fieldwork.supervise": ["admin", "supervisor"],
  /**
   * Printing a town's poster for a wave (QR code and short link to the survey): admins for
   * every town, officials and supervisors for the towns of their account (docs/fieldwork.md).
   */
  "posters.print": ["admin", "official", "supervisor"],
  /** A TOTP second factor at sign-in, optional, for the accounts that can do most. */
  "account.twoFactor": ["admin"],
  "users.manage": ["admin"],
  "waves.manage": ["admin"],
  "indicators.manage": ["admin"],
  /** The audit log of staff changes, also through the API with an admin's token. */
  "audit.view": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function may(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

export function rolesFor(permission: Permission): Role[] {
  return [...permissions[permission]];
}
