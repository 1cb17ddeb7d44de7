// Log lines a green test run provokes on purpose, and drops so that what is left is what a
// reader needs. Nothing else is dropped.
//
// better-auth warns on every refused sign-in ("User not found", "Invalid password"). The
// sign-in, password and account tests try wrong passwords and unknown accounts on purpose,
// dozens of times; the app counts such attempts itself (lib/auth/password-attempts.ts) and
// the tests assert on that. A disabled account's right password gets no session (its hook
// refuses one, server/auth/better-auth.ts), which better-auth logs as an error; the
// fieldwork tests provoke it. Every other better-auth warning still shows.
const ANSI = /\x1b\[[0-9;]*m/g;
const SIGN_IN_REFUSED = /^\S+ (WARN \[Better Auth\]: (User not found|Invalid password)|ERROR \[Better Auth\]: Failed to create session)$/;

/** Whether one printed line (colours and all) is a refused sign-in's warning. */
export function isExpectedLogLine(line) {
  return SIGN_IN_REFUSED.test(line.replace(ANSI, "").trim());
}
