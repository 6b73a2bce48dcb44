import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isUnknownActor, type ActorRegistry, type ActorSummary } from "../../src/actors/registry.js";
import { buildLibrary, type Library } from "../../src/search/library.js";
import { fileTexts, tempSeeds, verbatim, CURATED, SECOND, SEED, type TempSeeds } from "./support.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let seed: TempSeeds;
let both: TempSeeds;
let twice: TempSeeds;
let seedLibrary: Library;
let bothLibrary: Library;
let twiceLibrary: Library;
let texts: Map<string, string>;

beforeAll(async () => {
  seed = await tempSeeds("parley-summary-seed-", [SEED, CURATED]);
  both = await tempSeeds("parley-summary-both-", [SEED, SECOND, CURATED]);
  // The same article under two names: its sentences are near-duplicates of each other.
  twice = await tempSeeds("parley-summary-twice-", [SEED]);
  const { copyFile } = await import("node:fs/promises");
  await copyFile(SEED, `${twice.seeds}/001_copy.txt`);
  [seedLibrary, bothLibrary, twiceLibrary] = await Promise.all([buildLibrary(seed.seeds), buildLibrary(both.seeds), buildLibrary(twice.seeds)]);
  texts = await fileTexts(both.seeds, ["000_950a411777f2414a.txt", "001_river_treaty.txt"]);
});

afterAll(async () => {
  await Promise.all([seed, both, twice].map((d) => rm(d.root, { recursive: true, force: true })));
});

function summaryOf(registry: ActorRegistry, name: string, page = 0): ActorSummary {
  const s = registry.lookup(name, { page });
  if (isUnknownActor(s)) throw new Error(`${name} is unknown`);
  return s;
}

/** The sentence spans the registry may quote: the passages' sentences and attribution lines. */
function quotableSpans(library: Library): Set<string> {
  const spans = new Set(library.passages.flatMap((p) => p.sentences.map((s) => `${p.file}:${s.start}-${s.end}`)));
  for (const s of library.actors.data.sentences) if (!s.passage) spans.add(`${s.file}:${s.start}-${s.end}`);
  return spans;
}

describe("actor summaries", () => {
  it("quote whole sentences verbatim, each naming the actor, 3 to 5 of them where there are enough", () => {
    for (const library of [seedLibrary, bothLibrary]) {
      const quotable = quotableSpans(library);
      for (const actor of library.actors.data.actors) {
        const s = summaryOf(library.actors, actor.name);
        const sentences = new Set(actor.mentions.map(([i]) => i)).size;
        expect(s.summary.length, actor.name).toBeGreaterThanOrEqual(Math.min(3, sentences));
        expect(s.summary.length, actor.name).toBeLessThanOrEqual(5);
        for (const q of s.summary) {
          expect(verbatim(texts, q), q.quote).toBe(true);
          expect(quotable.has(`${q.source.file}:${q.source.start}-${q.source.end}`), q.quote).toBe(true);
          const named = actor.mentions.filter(([i, start, end]) => library.actors.data.sentences[i]!.file === q.source.file && start >= q.source.start && end <= q.source.end);
          expect(named.length, `${actor.name}: ${q.quote}`).toBeGreaterThan(0);
          for (const [, start, end] of named) expect(library.actors.resolve(texts.get(q.source.file)!.slice(start, end))?.id, texts.get(q.source.file)!.slice(start, end)).toBe(actor.id);
        }
      }
    }
  });

  it("are in document order, without duplicates, from different paragraphs where there are enough", () => {
    for (const library of [seedLibrary, bothLibrary]) {
      for (const actor of library.actors.data.actors) {
        const s = summaryOf(library.actors, actor.name);
        // A person's describing sentence may open the summary; the rest are in document order.
        const ordered = actor.kind === "person" ? s.summary.slice(1) : s.summary;
        const fileOrder = library.sources.map((src) => src.file);
        const key = (q: (typeof s.summary)[number]) => fileOrder.indexOf(q.source.file) * 1e9 + q.source.start;
        for (let i = 1; i < ordered.length; i++) expect(key(ordered[i]!), actor.name).toBeGreaterThan(key(ordered[i - 1]!));
        expect(new Set(s.summary.map((q) => q.quote)).size).toBe(s.summary.length);
        const paragraphs = new Set(actor.mentions.map(([i]) => `${library.actors.data.sentences[i]!.file}#${library.actors.data.sentences[i]!.paragraph}`));
        const quoted = new Set(s.summary.map((q) => `${q.source.file}#${q.source.paragraph}`));
        expect(quoted.size, actor.name).toBe(Math.min(s.summary.length, paragraphs.size));
      }
    }
  });

  it("open a person's summary with who the person is", () => {
    const kabulov = summaryOf(seedLibrary.actors, "Kabulov");
    expect(kabulov.actor.name).toBe("Zamir Kabulov");
    expect(kabulov.summary[0]!.quote).toContain("the Foreign Ministry official responsible for Russia’s Afghanistan policy");
    const people: Array<[string, string]> = [
      ["Hany Sewilam", "irrigation minister"],
      ["Seleshi Bekele", "chief negotiator"],
      ["Amina Diallo", "envoy"],
      ["Atmar", "foreign minister"],
      ["Biden", "president"],
    ];
    for (const [name, role] of people) expect(summaryOf(bothLibrary.actors, name).summary[0]!.quote, name).toContain(role);
  });

  it("put sentences where the actor acts before passing mentions", () => {
    // Russia is the subject of many sentences; a summary of it quotes some of those.
    const russia = summaryOf(seedLibrary.actors, "Russia");
    const subjects = russia.summary.filter((q) => /^(?:Moscow|Russia)\b|, (?:Moscow|Russia) (?:does|is|views|cannot)/.test(q.quote));
    expect(subjects.length).toBeGreaterThanOrEqual(2);
  });

  it("count mentions, passages and documents, and list co-mentioned actors, most related first", () => {
    const registry = bothLibrary.actors;
    for (const actor of registry.data.actors) {
      const s = summaryOf(registry, actor.name);
      const sentences = new Set(actor.mentions.map(([i]) => i));
      expect(s.mentions).toBe(actor.mentions.length);
      expect(s.documents).toBe(new Set([...sentences].map((i) => registry.data.sentences[i]!.file)).size);
      expect(s.passages).toBe(new Set([...sentences].flatMap((i) => registry.data.sentences[i]!.passage ?? [])).size);
      for (let i = 1; i < s.related.length; i++) expect(s.related[i - 1]!.count).toBeGreaterThanOrEqual(s.related[i]!.count);
      for (const r of s.related) {
        const other = registry.data.actors.find((a) => a.name === r.name)!;
        const shared = new Set(other.mentions.map(([i]) => i).filter((i) => sentences.has(i)));
        expect(r.count, `${actor.name} ~ ${r.name}`).toBe(shared.size);
      }
    }
  });

  it("draw on every article that names the actor, citing each", () => {
    const us = bothLibrary.actors.lookup("United States", { sources: bothLibrary.sourceMap }) as ActorSummary;
    expect(us.documents).toBe(2);
    expect(new Set(us.summary.map((q) => q.source.file))).toEqual(new Set(["000_950a411777f2414a.txt", "001_river_treaty.txt"]));
    for (const q of us.summary) expect(q.source.title).toBe(bothLibrary.sourceMap.get(q.source.file)?.title);
    expect(us.summary.every((q) => (q.source.title ?? "").length > 0)).toBe(true);
  });

  it("skip near-duplicates, such as the same sentence in two copies of an article", () => {
    for (const name of ["Russia", "Taliban", "United States"]) {
      const s = summaryOf(twiceLibrary.actors, name);
      expect(s.documents).toBe(2);
      expect(new Set(s.summary.map((q) => q.quote)).size, name).toBe(s.summary.length);
    }
  });

  it("page further quotes without repeating the first page", () => {
    const first = summaryOf(seedLibrary.actors, "Russia");
    expect(first.pages).toBeGreaterThan(1);
    const seen = new Set(first.summary.map((q) => q.source.start));
    for (let page = 1; page < first.pages; page++) {
      const next = summaryOf(seedLibrary.actors, "Russia", page);
      expect(next.page).toBe(page);
      expect(next.summary.length).toBeGreaterThan(0);
      for (const q of next.summary) {
        expect(seen.has(q.source.start)).toBe(false);
        seen.add(q.source.start);
      }
    }
  });
});
