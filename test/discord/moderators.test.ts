import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { checkModerator } from "../../src/discord/moderators.ts";

const MOD_ROLE = "222222222222222222";
const OTHER_ROLE = "333333333333333333";
const everyday = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageMessages;

describe("checkModerator", () => {
  it.each([
    ["Manage Server", { inGuild: true, permissions: everyday | PermissionFlagsBits.ManageGuild, roleIds: [] }, [], { ok: true, via: "manage-server" }],
    ["Administrator (implies Manage Server)", { inGuild: true, permissions: PermissionFlagsBits.Administrator, roleIds: [] }, [], { ok: true, via: "manage-server" }],
    ["a listed role", { inGuild: true, permissions: everyday, roleIds: [OTHER_ROLE, MOD_ROLE] }, [MOD_ROLE], { ok: true, via: "role" }],
    ["a role not listed", { inGuild: true, permissions: everyday, roleIds: [OTHER_ROLE] }, [MOD_ROLE], { ok: false, reason: "not-moderator" }],
    ["no permission, no role", { inGuild: true, permissions: everyday, roleIds: [] }, [MOD_ROLE], { ok: false, reason: "not-moderator" }],
    ["no permissions sent", { inGuild: true, roleIds: [] }, [], { ok: false, reason: "not-moderator" }],
    ["a DM, whatever the permissions", { inGuild: false, permissions: PermissionFlagsBits.Administrator, roleIds: [MOD_ROLE] }, [MOD_ROLE], { ok: false, reason: "dm" }],
  ] as const)("%s", (_name, who, roles, expected) => {
    expect(checkModerator(who, roles)).toEqual(expected);
  });
});
