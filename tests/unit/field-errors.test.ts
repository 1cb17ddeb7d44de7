import { describe, expect, it } from "vitest";
import { fieldPathsOf, placeFieldErrors } from "@/lib/field-errors";

describe("fieldPathsOf", () => {
  it("names nested fields by dot and a list as one field", () => {
    expect(fieldPathsOf({ slug: "", name: { kk: "", ru: "", en: "" }, townCodes: [], requiresInvitation: false })).toEqual([
      "slug",
      "name.kk",
      "name.ru",
      "name.en",
      "townCodes",
      "requiresInvitation",
    ]);
  });
});

describe("placeFieldErrors", () => {
  const fields = ["slug", "name.kk", "townCodes", "email"];

  it("puts each field's first message key on that field", () => {
    expect(placeFieldErrors({ email: ["errors.emailTaken", "errors.email"], "name.kk": ["errors.required"] }, fields)).toEqual({
      byField: { email: "errors.emailTaken", "name.kk": "errors.required" },
      formKeys: [],
    });
  });

  it("gives an error on one item of a list to the list", () => {
    expect(placeFieldErrors({ "townCodes.2": ["errors.unknownTown"], "townCodes.5": ["errors.other"] }, fields).byField).toEqual({ townCodes: "errors.unknownTown" });
  });

  it("does not match a field by a mere prefix of its name", () => {
    expect(placeFieldErrors({ slugs: ["errors.x"] }, fields)).toEqual({ byField: {}, formKeys: ["errors.x"] });
  });

  it("returns errors of no field on the form as form-level keys, and skips empty lists", () => {
    expect(placeFieldErrors({ form: ["errors.unexpected"], userId: ["errors.forbidden"], slug: [] }, fields)).toEqual({
      byField: {},
      formKeys: ["errors.unexpected", "errors.forbidden"],
    });
  });
});
