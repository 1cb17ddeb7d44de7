/**
 * Command line for the database: `migrate`, `seed` (reference data and the demo wave),
 * `seed --if-empty` (what `npm start` runs). Uses the same target as the app.
 */
import { closeDb, getConnection } from "./client";
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
    } else {
      console.error("Usage: db/cli.ts migrate | seed [--if-empty]");
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
