import { randomInt } from "node:crypto";

/**
 * Invitation codes: 16 symbols of Crockford's base32 (80 bits), printed in groups of four,
 * `K7QM-4TXR-9WBD-2HZN`, to be read aloud or typed from paper. Typing is forgiving: case,
 * dashes and spaces do not matter, and the letters people mistake for digits (O, I, L) are
 * read as 0 and 1.
 */
export const INVITATION_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const INVITATION_SYMBOLS = 16;
export const INVITATION_BITS = INVITATION_SYMBOLS * Math.log2(INVITATION_ALPHABET.length);

export function newInvitationCode(random: (max: number) => number = randomInt): string {
  const symbols = Array.from({ length: INVITATION_SYMBOLS }, () => INVITATION_ALPHABET[random(INVITATION_ALPHABET.length)]);
  return symbols.join("").replace(/(.{4})(?!$)/g, "$1-");
}

/** A typed code in the form it is hashed in: upper case, no separators, ambiguous letters read as digits. */
export function normalizeInvitationCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s\-_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

/**
 * A typed code in the form the codes made before decision 0015 were hashed in (ten letters
 * and digits as `ABCDE-FGHJK`, upper case), so that codes already handed out keep working.
 */
export function legacyInvitationForm(typed: string): string {
  const bare = typed.toUpperCase().replace(/[\s\-_.]/g, "");
  return bare.length === 10 ? `${bare.slice(0, 5)}-${bare.slice(5)}` : typed.trim().toUpperCase();
}
