/**
 * Command line for the database: `migrate`, `seed` (reference data and the demo wave),
 * `seed --if-empty` (what `npm start` runs), `invitations <wave-slug> <count>` (prints new
 * single-use codes and makes the wave require one), `cleanup` (removes abuse-control rows
 * whose day is over, for cron; servers also do it on a timer). Uses the same target as the app.
 */
import { eq } from "drizzle-orm";
import { closeDb, getConnection } from "@/db/client";
import { addInvitationCodes } from "@/db/queries/abuse";
import { createStaffUser, findStaffUserByEmail, oneTimePassword } from "@/db/queries/staff";
import { waves } from "@/db/schema";
import { newInvitationCode } from "@/lib/abuse/invitation-codes";
import { env } from "@/lib/env";
import { cleanUpAbuseRecords } from "@/server/abuse/cleanup";
import { migrate } from "@/db/migrate";
import { checkStartup } from "@/lib/deployment";
import { isEmpty, seedDemoFieldwork, seedDemoWave, seedReferenceData, seedTownRegister } from "@/scripts/seed";

async function main(command: string | undefined, flags: string[]) {
  const connection = await getConnection();
  // The CLI works without the server's secrets, but says now what the server will refuse.
  const startup = checkStartup(process.env);
  if (startup.status === "refused") console.warn(`Note: the server will not start like this yet. Missing: ${startup.missing.join(", ")} (see README.md, section "Deploy").`);
  try {
    if (command === "migrate") {
      await migrate(connection);
      await seedTownRegister(connection.db);
      console.log(`Migrations applied, town register up to date (${connection.target} database).`);
    } else if (command === "seed") {
      await migrate(connection);
      // `npm start` seeds demo data (and demo accounts) into the embedded database only:
      // a real server's empty database stays empty until someone seeds it on purpose.
      if (flags.includes("--if-empty") && connection.target !== "embedded") {
        console.log("Demo data is seeded automatically only into the embedded database; run `npm run db:seed` to seed this one.");
        return;
      }
      if (flags.includes("--if-empty") && !(await isEmpty(connection.db))) {
        console.log("Database already has data; seed skipped.");
        return;
      }
      await seedReferenceData(connection.db);
      const { responses } = await seedDemoWave(connection.db);
      console.log(`Seeded towns, indicators and official figures; ${responses} generated demo responses.`);
      await createDemoAccounts(connection.db, { oneTime: connection.target !== "embedded" && !process.env.QALA_DEMO_PASSWORD });
      await seedDemoFieldwork(connection.db);
    } else if (command === "admin:create") {
      const [email, ...nameParts] = flags;
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
        console.error("Usage: npm run admin:create -- <e-mail> [name]");
        process.exitCode = 2;
        return;
      }
      if (await findStaffUserByEmail({ db: connection.db, email })) {
        console.error(`An account for ${email} exists already.`);
        process.exitCode = 1;
        return;
      }
      const password = oneTimePassword();
      await createStaffUser({ db: connection.db, email, name: nameParts.join(" ") || email, role: "admin", password, oneTime: true });
      console.log(`Admin ${email} created. One-time password (shown only now; sign in within a day and choose your own): ${password}`);
    } else if (command === "invitations") {
      const [slug, countText] = flags;
      const count = Number(countText);
      const [wave] = slug ? await connection.db.select().from(waves).where(eq(waves.slug, slug)) : [];
      if (!wave || !Number.isInteger(count) || count < 1 || count > 100_000) {
        console.error("Usage: npm run invitations -- <wave-slug> <count 1–100000>");
        process.exitCode = 2;
        return;
      }
      // Codes that stay valid across restarts need a lasting secret: a real deployment sets
      // one; the embedded demo database may do without (docs/decisions/0015).
      if (!env.INVITATION_SECRET && connection.target !== "embedded") {
        console.error("Set INVITATION_SECRET (16+ characters, the same for the app) before making invitation codes.");
        process.exitCode = 2;
        return;
      }
      const codes = Array.from({ length: count }, () => newInvitationCode());
      await connection.db.transaction(async (tx) => {
        await addInvitationCodes({ db: tx, waveId: wave.id, codes });
        await tx.update(waves).set({ requiresInvitation: true }).where(eq(waves.id, wave.id));
      });
      // Printed once, stored only as hashes: keep this list to hand the codes out.
      console.log(codes.join("\n"));
    } else if (command === "cleanup") {
      const removed = await cleanUpAbuseRecords({ db: connection.db });
      console.log(`Removed ${removed.counters} rate-limit counters, ${removed.challenges} spent challenges and ${removed.keys} day keys.`);
    } else {
      console.error("Usage: db/cli.ts migrate | seed [--if-empty] | admin:create <e-mail> [name] | invitations <wave-slug> <count> | cleanup");
      process.exitCode = 2;
    }
  } finally {
    await closeDb();
  }
}

/**
 * Demo accounts for trying the staff pages, one per role, each with a password made now
 * and printed once (or QALA_DEMO_PASSWORD, which the test harness sets). On the embedded
 * demo database, and for the test harness, they need no change at first sign-in and do not
 * expire; seeded into a server's database they are one-time passwords like an admin's
 * (docs/decisions/0017).
 */
async function createDemoAccounts(db: Awaited<ReturnType<typeof getConnection>>["db"], { oneTime }: { oneTime: boolean }) {
  const roles = ["admin", "official", "researcher", "interviewer"] as const;
  console.log("Demo staff accounts (passwords shown only now):");
  for (const role of roles) {
    const email = `${role}@demo.qala`;
    if (await findStaffUserByEmail({ db, email })) continue;
    const password = process.env.QALA_DEMO_PASSWORD || oneTimePassword();
    await createStaffUser({ db, email, name: `Demo ${role}`, role, password, oneTime });
    console.log(`  ${role.padEnd(10)} ${email}  ${process.env.QALA_DEMO_PASSWORD ? "(password from QALA_DEMO_PASSWORD)" : password}`);
  }
  // The demo supervisor runs fieldwork in the towns of the demo officials with one town.
  const supervisor = "supervisor@demo.qala";
  if (!(await findStaffUserByEmail({ db, email: supervisor }))) {
    const password = process.env.QALA_DEMO_PASSWORD || oneTimePassword();
    await createStaffUser({ db, email: supervisor, name: "Demo supervisor", role: "supervisor", password, townCodes: [...DEMO_TOWN_OFFICIALS], oneTime });
    console.log(`  ${"supervisor".padEnd(10)} ${supervisor}  (${DEMO_TOWN_OFFICIALS.join(", ")})  ${process.env.QALA_DEMO_PASSWORD ? "(password from QALA_DEMO_PASSWORD)" : password}`);
  }
  // Officials limited to one town each (the demo official sees every town), to try the town scope.
  for (const town of DEMO_TOWN_OFFICIALS) {
    const email = `official-${town}@demo.qala`;
    if (await findStaffUserByEmail({ db, email })) continue;
    const password = process.env.QALA_DEMO_PASSWORD || oneTimePassword();
    await createStaffUser({ db, email, name: `Demo official (${town})`, role: "official", password, townCodes: [town], oneTime });
    console.log(`  ${"official".padEnd(10)} ${email}  (${town} only)  ${process.env.QALA_DEMO_PASSWORD ? "(password from QALA_DEMO_PASSWORD)" : password}`);
  }
}

/** Demo officials whose town scope is one town: `official-<town>@demo.qala`. */
const DEMO_TOWN_OFFICIALS = ["ridder", "serebryansk"] as const;

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
