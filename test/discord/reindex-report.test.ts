import { describe, expect, it } from "vitest";
import type { ReindexReport } from "../../src/engine.ts";
import { embedLength, LIMITS } from "../../src/discord/limits.ts";
import { busyMessage, foldMetadata, refreshFailedMessage, reindexReportMessage } from "../../src/discord/reindex-report.ts";

function report(over: Partial<ReindexReport> = {}): ReindexReport {
  return {
    changed: true,
    added: [],
    updated: [],
    removed: [],
    skipped: [],
    warnings: [],
    documents: { before: 1, after: 2 },
    passages: { before: 19, after: 30 },
    actors: { before: 10, after: 14 },
    ms: 1234,
    ...over,
  };
}

describe("reindexReportMessage", () => {
  it("lists what changed, each skip with its reason, and the counts before → after with the time", () => {
    const body = reindexReportMessage(
      report({ added: ["b.txt", "b.meta.json"], updated: ["a.md"], removed: ["c.txt"], skipped: [{ file: "d.txt", reason: "binary file" }] }),
      "Added **b.txt**.",
    );
    const embed = body.embeds[0]!;
    expect(embed.title).toBe("Index refreshed");
    expect(embed.description).toContain("Added **b.txt**.");
    expect(embed.description).toContain("Documents 1 → 2 · passages 19 → 30 · actors 10 → 14 · took 1.2 s");
    expect(embed.fields).toEqual([
      { name: "Added (1)", value: "b.txt" },
      { name: "Changed (1)", value: "a.md" },
      { name: "Removed (1)", value: "c.txt" },
      { name: "Skipped (1)", value: "d.txt: binary file" },
    ]);
    expect(body.allowedMentions).toMatchObject({ parse: [] });
  });

  it("says when nothing changed", () => {
    const body = reindexReportMessage(report({ changed: false, documents: { before: 2, after: 2 } }));
    expect(body.embeds[0]!.title).toBe("Nothing changed");
    expect(body.embeds[0]!.description).toContain("already matches the articles");
    expect(body.embeds[0]!.fields).toBeUndefined();
  });

  it("escapes file names and stays inside Discord's limits however many files changed", () => {
    const many = Array.from({ length: 500 }, (_, i) => `article_${i}_*bold*_${"x".repeat(80)}.txt`);
    const body = reindexReportMessage(
      report({ added: many, updated: many, removed: many, skipped: many.map((file) => ({ file, reason: "not valid UTF-8 text ".repeat(20) })), warnings: many }),
      "x".repeat(2000),
    );
    const embed = body.embeds[0]!;
    expect(embed.fields).toHaveLength(5);
    for (const f of embed.fields!) {
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(f.value).toMatch(/…and \d+ more$/);
      expect(f.name).toMatch(/\(500\)$/);
    }
    expect(embed.fields![0]!.value).toContain("article\\_0\\_\\*bold\\*");
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
  });
});

describe("foldMetadata", () => {
  it("leaves out a metadata file listed with its article, and keeps one listed alone", () => {
    expect(foldMetadata(["a.meta.json", "a.txt", "b.meta.json", "actors.json", "C.MD", "c.meta.json"])).toEqual(["a.txt", "b.meta.json", "actors.json", "C.MD"]);
  });
});

describe("busy and failed refreshes", () => {
  it("tells who started the running refresh and since when", () => {
    const since = new Date("2026-01-02T03:04:05Z");
    const body = busyMessage({ since, by: { name: "Guild *Owner*" } });
    expect(body.content).toContain("Guild \\*Owner\\*");
    expect(body.content).toContain(`<t:${since.getTime() / 1000}:T>`);
    expect(body.content).toContain(`<t:${since.getTime() / 1000}:R>`);
  });

  it("shows the error and that the previous index keeps serving", () => {
    const body = refreshFailedMessage(new Error("saving the index failed: ENOSPC: no space left on device\n    at stack"));
    const text = body.embeds[0]!.description!;
    expect(text).toContain("saving the index failed: ENOSPC: no space left on device");
    expect(text).not.toContain("at stack");
    expect(text).toContain("previous index keeps serving");
  });
});
