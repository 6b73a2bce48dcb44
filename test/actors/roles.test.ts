import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { personRoles } from "../../src/actors/roles.js";
import { buildLibrary, type Library } from "../../src/search/library.js";

const TEXT = [
  "Tomasz Wrona, Poland’s agriculture minister, opposed the ban on Monday.",
  "The harbour reopened after repairs.",
  "Wrona said farmers would protest in Warsaw in March.",
  "Port authority president Helena Castro said loading had slowed.",
  "Afghanistan’s foreign minister, Mohammad Haneef Atmar, made it clear.",
  "Zamir Kabulov, who spoke on Monday, left early.",
  "The fleet returned to port in May.",
].join("\n");

let library: Library;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "parley-roles-"));
  await writeFile(path.join(dir, "a.txt"), TEXT);
  library = await buildLibrary(dir);
});

describe("person roles", () => {
  it("reads the appositive after a name and the title before it, with the actors they name", () => {
    const roles = personRoles(library.passages.map((p) => p.text), library.aliases);
    const of = (name: string) => roles.get(library.actors.resolve(name)!.id);
    expect([...of("Tomasz Wrona")!.terms]).toEqual(expect.arrayContaining(["agricultur", "minist"]));
    expect([...of("Tomasz Wrona")!.actors]).toEqual(["poland"]);
    expect([...of("Helena Castro")!.terms]).toEqual(expect.arrayContaining(["port", "author", "presid"]));
    expect([...of("Mohammad Haneef Atmar")!.terms]).toEqual(expect.arrayContaining(["foreign", "minist"]));
    // A relative clause is no role.
    expect(of("Zamir Kabulov")).toBeUndefined();
  });

  it("lets a paragraph that names the person only stand for their role, more weakly", async () => {
    const question = "What did the agriculture minister say about the protests?";
    const scoreOf = async (opts = {}) => (await library.answer(question, { k: 5, ...opts })).results.find((r) => r.quote.startsWith("Wrona said"))?.score ?? 0;
    const withRoles = await scoreOf();
    expect(withRoles).toBeGreaterThan(0);
    // "Wrona said …" holds "agriculture minister" only through his role, named in another paragraph.
    expect(withRoles).toBeGreaterThan(await scoreOf({ roleStrength: 0 }));
  });
});
