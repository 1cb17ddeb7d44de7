import "server-only";
import { asc } from "drizzle-orm";
import type { Db } from "../client";
import { towns } from "../schema";

/** Every town with its region and whether it left the list of monotowns, for choosing towns (an official's, a wave's). */
export async function getTowns({ db }: { db: Db }) {
  return db.select({ id: towns.id, code: towns.code, name: towns.name, region: towns.region, former: towns.former }).from(towns).orderBy(asc(towns.code));
}
