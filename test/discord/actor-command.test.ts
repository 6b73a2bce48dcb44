import { describe, expect, it } from "vitest";
import type { ActorSummary } from "../../src/actors/registry.ts";
import { actorBody, actorByKey, pageId } from "../../src/discord/commands/actor.ts";
import { decodeCustomId } from "../../src/discord/custom-id.ts";
import { LIMITS } from "../../src/discord/limits.ts";
import type { Engine } from "../../src/engine.ts";

const ASKER = "123456789012345678";

function summaryOf(name: string, id: string, page = 0, pages = 3): ActorSummary {
  return {
    actor: { id, name, kind: "organization", aliases: [] },
    mentions: 4,
    passages: 3,
    documents: 1,
    summary: [{ quote: `${name} acted.`, source: { file: "a.txt", paragraph: 1, start: 0, end: 1 } }],
    related: [],
    page,
    pages,
  };
}

/** An engine that knows the given actors (by name and by id), for the command's own logic. */
function engineWith(actors: Array<{ name: string; id: string }>): Engine {
  const find = (n: string) => actors.find((a) => a.name === n || a.id === n);
  return {
    actors: () => actors.map((a) => ({ name: a.name, kind: "organization" as const, aliases: [], mentions: 4 })),
    actor: (n: string, o: { page?: number } = {}) => {
      const a = find(n);
      return a ? summaryOf(a.name, a.id, Math.min(o.page ?? 0, 2)) : { unknown: n, suggestions: actors.map((x) => x.name) };
    },
  } as unknown as Engine;
}

describe("/actor page buttons", () => {
  it("name the actor by its id, and find it again", () => {
    const engine = engineWith([{ name: "NATO", id: "nato" }]);
    const id = pageId(ASKER, 1, summaryOf("NATO", "nato"));
    expect(decodeCustomId(id)).toEqual({ command: "actor", action: "page", args: [ASKER, "1", "nato"] });
    expect(actorByKey(engine, "nato", 1)?.page).toBe(1);
  });

  it("name an actor whose id is too long for a custom id by a hash of its name, and find it again", () => {
    const name = "The Extraordinarily Long Named International Organization For Very Many Things";
    const longId = `${name.toLowerCase().replace(/\s+/g, "-")}-and-more`;
    const engine = engineWith([{ name: "NATO", id: "nato" }, { name, id: longId }]);
    const id = pageId(ASKER, 2, summaryOf(name, longId));
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    const key = decodeCustomId(id)!.args[2]!;
    expect(key.startsWith("#")).toBe(true);
    expect(actorByKey(engine, key, 2)?.actor.name).toBe(name);
  });

  it("find nothing for a key no actor has now", () => {
    const engine = engineWith([{ name: "NATO", id: "nato" }]);
    expect(actorByKey(engine, "gone", 0)).toBeUndefined();
    expect(actorByKey(engine, "#AAAAAAAAAAAAAAAA", 0)).toBeUndefined();
  });

  it("page from the first to the last page, and offer the suggestions of an unknown name", () => {
    const engine = engineWith([{ name: "NATO", id: "nato" }, { name: "NAT Group", id: "nat-group" }]);
    const labels = (body: ReturnType<typeof actorBody>) => body.components.flatMap((r) => r.components).map((b) => ("label" in b ? b.label : ""));
    expect(labels(actorBody(engine, summaryOf("NATO", "nato", 0), ASKER))).toEqual(["More quotes"]);
    expect(labels(actorBody(engine, summaryOf("NATO", "nato", 1), ASKER))).toEqual(["Previous quotes", "More quotes"]);
    expect(labels(actorBody(engine, summaryOf("NATO", "nato", 2), ASKER))).toEqual(["Previous quotes"]);
    expect(labels(actorBody(engine, { unknown: "NTO", suggestions: ["NATO", "NAT Group"] }, ASKER))).toEqual(["NATO", "NAT Group"]);
  });
});
