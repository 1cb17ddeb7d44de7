import { describe, expect, it } from "vitest";
import { INVITATION_BITS, legacyInvitationForm, newInvitationCode, normalizeInvitationCode } from "@/lib/abuse/invitation-codes";

describe("invitation codes", () => {
  it("carry at least 80 bits, printed as four groups of four", () => {
    expect(INVITATION_BITS).toBeGreaterThanOrEqual(80);
    const codes = Array.from({ length: 200 }, () => newInvitationCode());
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("read a typed code the same whatever its case, dashes, spaces and look-alike letters", () => {
    const printed = "K7QM-4TX0-9WBD-21ZN";
    for (const typed of ["k7qm-4tx0-9wbd-21zn", "K7QM 4TXO 9WBD 2IZN", " k7qm4txo9wbd2lzn ", "K7QM-4TX0-9WBD-2LZN"]) {
      expect(normalizeInvitationCode(typed)).toBe(normalizeInvitationCode(printed));
    }
    expect(normalizeInvitationCode("K7QM-4TX0-9WBD-21ZM")).not.toBe(normalizeInvitationCode(printed));
  });

  it("read a code of the old form (ABCDE-FGHJK) as it was hashed", () => {
    expect(legacyInvitationForm("abcde fghjk")).toBe("ABCDE-FGHJK");
    expect(legacyInvitationForm(" qp-7777 ")).toBe("QP-7777");
  });
});
