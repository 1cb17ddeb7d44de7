/**
 * Command line for the database: `migrate`, `seed` (reference data and the demo wave),
 * `seed --if-empty` (what `npm start` runs), `invitations <wave-slug> <count>` (prints new
 * single-use codes and makes the wave require one). Uses the same target as the app.
 */
import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { closeDb, getConnection } from "./client";
import { hashInvitationCode } from "./queries/abuse";
import { invitationCodes, waves } from "./schema";
import { migrate } from "./migrate";
import { isEmpty, seedDemoWave, seedReferenceData } from "./seed";

async function main(command: string | undefined, flags: string[]) {
  const connection = await getConnection();
  try {
    if (command === "migrate") {
      await migrate(connection);
      console.log(`Migrations applied (${connection.target} database).`);
    } else if (command === "seed") {
      await migrate(connection);
      if (flags.includes("--if-empty") && !(await isEmpty(connection.db))) {
        console.log("Database already has data; seed skipped.");
        return;
      }
      await seedReferenceData(connection.db);
      const { responses } = await seedDemoWave(connection.db);
      console.log(`Seeded towns, indicators and official figures; ${responses} generated demo responses.`);
    } else if (command === "invitations") {
      const [slug, countText] = flags;
      const count = Number(countText);
      const [wave] = slug ? await connection.db.select().from(waves).where(eq(waves.slug, slug)) : [];
      if (!wave || !Number.isInteger(count) || count < 1 || count > 100_000) {
        console.error("Usage: npm run invitations -- <wave-slug> <count 1–100000>");
        process.exitCode = 2;
        return;
      }
      // Unambiguous letters and digits (no 0/O, 1/I): read aloud or typed from paper.
      const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
      const codes = Array.from({ length: count }, () =>
        Array.from({ length: 10 }, (_, i) => (i === 5 ? "-" : "") + alphabet[randomInt(alphabet.length)]).join(""),
      );
      await connection.db.transaction(async (tx) => {
        await tx.insert(invitationCodes).values(codes.map((code) => ({ waveId: wave.id, codeHash: hashInvitationCode(code) }))).onConflictDoNothing();
        await tx.update(waves).set({ requiresInvitation: true }).where(eq(waves.id, wave.id));
      });
      // Printed once, stored only as hashes: keep this list to hand the codes out.
      console.log(codes.join("\n"));
    } else {
      console.error("Usage: db/cli.ts migrate | seed [--if-empty] | invitations <wave-slug> <count>");
      process.exitCode = 2;
    }
  } finally {
    await closeDb();
  }
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
