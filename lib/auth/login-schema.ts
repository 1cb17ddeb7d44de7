import * as z from "zod/mini";
import { safeText } from "@/lib/safe-text";

/** The staff sign-in form, for the form (zodResolver) and the action (safeParse). */
export const loginSchema = z.object({
  email: z.string({ error: "errors.required" }).check(z.trim(), z.minLength(1, { error: "errors.required" }), z.email({ error: "errors.email" }), z.maxLength(254, { error: "errors.email" }), safeText()),
  password: z.string({ error: "errors.required" }).check(z.minLength(1, { error: "errors.required" }), z.maxLength(256, { error: "errors.loginFailed" }), safeText()),
});

export type LoginInput = z.input<typeof loginSchema>;
