import type { NewTown } from "@/db/schema";
import { townRegister } from "@/scripts/seed/town-register";

const TALK_SLIDE_8 =
  "Junussova M., Beimisheva A. Monotowns of Kazakhstan: development challenges and opportunities, slide 8 (town profiles, 2014)";
const SLIDE_8_URL = "https://www.slideserve.com/rhona-mccall/7025005";

/**
 * The register's towns as rows. The four towns the talk profiles carry its figures; the
 * others keep those fields empty rather than hold an unsourced number.
 */
export const seedTowns: NewTown[] = townRegister.map(({ code, name, region, mainIndustry, kato, former, profile }) => ({
  code,
  name,
  region,
  mainIndustry,
  kato,
  former,
  ...(profile && { ...profile, populationSource: TALK_SLIDE_8, populationSourceUrl: SLIDE_8_URL }),
}));
