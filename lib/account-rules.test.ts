import { describe, expect, it } from "vitest";
import {
  bannedNameMessage,
  bannedWordInName,
  ChangePasswordSchema,
  displayNameField,
  normaliseEmail,
  SignUpSchema,
  UpdateNameSchema,
} from "./account-rules";
import { fieldErrors } from "./form-state";

function errorsOf(input: Record<string, unknown>) {
  const result = SignUpSchema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

const valid = { name: "Ada Reader", email: "ada@example.com", password: "a decent passphrase" };

describe("sign-up rules", () => {
  it("accepts a valid sign-up and normalises email and name", () => {
    const result = SignUpSchema.parse({ ...valid, email: "  Ada@Example.COM ", name: "  Ada Reader  " });
    expect(result).toEqual({ name: "Ada Reader", email: "ada@example.com", password: "a decent passphrase" });
    expect(normaliseEmail(" X@Y.Z ")).toBe("x@y.z");
  });

  it("refuses an invalid or missing email", () => {
    expect(errorsOf({ ...valid, email: "not-an-email" }).email).toMatch(/valid email/);
    expect(errorsOf({ ...valid, email: "   " }).email).toMatch(/Enter your email/);
  });

  it("needs a password of at least 10 characters", () => {
    expect(errorsOf({ ...valid, password: "short1234" }).password).toMatch(/at least 10 characters/);
    expect(errorsOf({ ...valid, password: "0123456789x" }).password).toBeUndefined();
  });

  it("refuses common passwords whatever their case", () => {
    expect(errorsOf({ ...valid, password: "password123" }).password).toMatch(/too common/);
    expect(errorsOf({ ...valid, password: "QWERTYUIOP" }).password).toMatch(/too common/);
    expect(errorsOf({ ...valid, password: "1234567890" }).password).toMatch(/too common/);
  });

  it("needs a display name of 2 to 40 characters after trimming", () => {
    expect(errorsOf({ ...valid, name: " A " }).name).toMatch(/at least 2/);
    expect(errorsOf({ ...valid, name: "x".repeat(41) }).name).toMatch(/at most 40/);
    expect(errorsOf({ ...valid, name: `  ${"x".repeat(40)}  ` }).name).toBeUndefined();
    expect(errorsOf({ ...valid, name: "Zoë Ñandú" }).name).toBeUndefined();
  });

  it("refuses control, bidi-override and zero-width characters in names", () => {
    for (const bad of [
      "Ada\u0007Reader",
      "Ada\u202eredaeR",
      "Ada\u200bReader",
      "Ad\u2066a",
      "A\ufeffda",
      "A\u00adda",
    ]) {
      expect(errorsOf({ ...valid, name: bad }).name, JSON.stringify(bad)).toMatch(/control or invisible/);
    }
  });

  it("refuses reserved staff-like names in any case or spacing", () => {
    for (const reserved of [
      "admin",
      "ADMIN",
      "Administrator",
      "Moderator",
      "mod",
      "Staff",
      "Broadsheet",
      "The Editor",
      "Support",
      "a.d.m.i.n",
    ]) {
      expect(errorsOf({ ...valid, name: reserved }).name, reserved).toMatch(/reserved/);
    }
    expect(errorsOf({ ...valid, name: "Admiral Ackbar" }).name).toBeUndefined();
  });

  it("reports the first problem of each field", () => {
    const errors = errorsOf({ name: "", email: "x", password: "" });
    expect(Object.keys(errors).sort()).toEqual(["email", "name", "password"]);
  });
});

describe("account forms", () => {
  it("applies the display-name rules on rename", () => {
    expect(UpdateNameSchema.safeParse({ name: "moderator" }).success).toBe(false);
    expect(UpdateNameSchema.parse({ name: " New Name " }).name).toBe("New Name");
  });

  it("needs the current password and a strong, different new one", () => {
    expect(ChangePasswordSchema.safeParse({ currentPassword: "", newPassword: "a fine new passphrase" }).success).toBe(
      false,
    );
    expect(ChangePasswordSchema.safeParse({ currentPassword: "old one", newPassword: "password123" }).success).toBe(
      false,
    );
    const same = ChangePasswordSchema.safeParse({ currentPassword: "same passphrase", newPassword: "same passphrase" });
    expect(same.success).toBe(false);
    expect(
      ChangePasswordSchema.safeParse({ currentPassword: "old one", newPassword: "a fine new passphrase" }).success,
    ).toBe(true);
  });
});

describe("display names: look-alikes, staff words, banned words, bidi (issue 12, finding 9)", () => {
  const nameError = (name: string) => errorsOf({ ...valid, name }).name;

  it("refuses look-alikes of staff names by their Unicode confusable skeleton", () => {
    for (const lookalike of [
      "\u0430dmin", // Cyrillic а
      "ADM\u0406N", // Cyrillic І
      "\u0455taff", // Cyrillic ѕ
      "m\u043Ederator", // Cyrillic о
      "\u2133oderator", // script capital M (NFKC)
      "\u00E0dmin", // a with a grave accent
      "ａｄｍｉｎ", // fullwidth
    ]) {
      expect(nameError(lookalike), JSON.stringify(lookalike)).toBe("That display name is reserved. Choose another.");
    }
  });

  it("refuses staff words among other words, or run into a word", () => {
    for (const staffLike of [
      "moderator team",
      "Moderator Team",
      "The Moderators",
      "Site Admin",
      "admin_jane",
      "TheAdmin",
      "Moderatorteam",
      "Broadsheet Newsroom",
      "Staff Writer",
      "Editor Jones",
    ]) {
      expect(nameError(staffLike), staffLike).toBe("That display name is reserved. Choose another.");
    }
  });

  it("keeps ordinary names that merely contain the letters", () => {
    for (const fine of [
      "Admiral Ackbar",
      "Badminton Fan",
      "Modern Reader",
      "Staffordshire Reader",
      "Moderate Voice",
      "Editorial Reader",
      "Zoë Ñandú",
      "Анна Каренина",
      "李小龙",
    ]) {
      expect(nameError(fine), fine).toBeUndefined();
    }
  });

  it("refuses every bidi embedding, override and isolate character", () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const name = `Ada${String.fromCodePoint(cp)}Reader`;
      expect(nameError(name), cp.toString(16)).toMatch(/control or invisible/);
    }
  });

  it("refuses a name holding a banned word, plainly or in look-alike letters", () => {
    expect(bannedWordInName("Harbour Idiot", ["idiot"])).toBe("idiot");
    expect(bannedWordInName("Harbour \u0456diot", ["idiot"])).toBe("idiot");
    expect(bannedWordInName("Idiotic Harbour", ["idiot"])).toBeNull();
    expect(bannedWordInName("Harbour Reader", [])).toBeNull();
    expect(bannedNameMessage("idiot")).toBe("That display name contains a word that isn't allowed: idiot");
  });

  it("lets staff set up from the command line take a reserved name", () => {
    expect(displayNameField({ allowReserved: true }).safeParse("Moderator Team").success).toBe(true);
    expect(displayNameField({ allowReserved: true }).safeParse("Ada\u202eReader").success).toBe(false);
  });
});
