import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword, type Role } from "@/lib/auth/passwords";
import type { Db } from "../client";
import { accounts, users } from "../schema";

/** A password of 16 random characters, shown once to whoever creates the account. */
export function oneTimePassword(): string {
  return randomBytes(12).toString("base64url");
}

/** Creates a staff account with a password (better-auth's "credential" account). */
export async function createStaffUser({ db, email, name, role, password, townCodes = [] }: {
  db: Db;
  email: string;
  name: string;
  role: Role;
  password: string;
  townCodes?: string[];
}) {
  const id = randomUUID();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id, email: email.toLowerCase(), name, role, townCodes, emailVerified: true });
    await tx.insert(accounts).values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: passwordHash });
  });
  return id;
}

export async function findStaffUserByEmail({ db, email }: { db: Db; email: string }) {
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return user;
}
