import fs from "node:fs";
import path from "node:path";

/**
 * PGlite neither locks its data folder nor syncs to disk, so two processes on one folder
 * corrupt it. Whoever opens the folder first writes its process id into a lock file; a
 * second live process is refused with an explanation. A lock left by a process that died
 * is taken over.
 */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is already in use by process ${pid}. ` +
        "PGlite cannot be shared between processes: stop that process (a running " +
        "`npm start` or `npm run dev`) first, or set DATABASE_URL to use a Postgres server.",
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

// Folders this process holds: a second PGlite on the same folder in one process corrupts
// it just as surely as one in another process.
const heldHere = new Set<string>();

export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "qala-pulse.lock");
  if (heldHere.has(lockPath)) throw new EmbeddedDatabaseBusyError(dir, process.pid);

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      heldHere.add(lockPath);
      const release = () => {
        heldHere.delete(lockPath);
        if (readPid(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readPid(lockPath);
      // A lock with our own pid that we do not hold was left by an earlier process that had
      // the same pid (pid 1 in a container, say): it is stale.
      if (holder !== null && holder !== process.pid && isAlive(holder)) throw new EmbeddedDatabaseBusyError(dir, holder);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database folder ${dir}`);
}
