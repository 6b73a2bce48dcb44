/**
 * The curated actors file, `seeds/actors.json`: actors a moderator names by hand, with their
 * aliases. It is optional; a malformed file is reported and ignored, never fatal.
 *
 * ```json
 * { "actors": [ { "name": "Afghan government", "kind": "institution", "aliases": ["Kabul"],
 *                 "description": "…" } ] }
 * ```
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ACTOR_KINDS, slug, type ActorDef } from "./aliases.js";

export const CURATED_ACTORS_FILE = "actors.json";

const CuratedActor = z.object({
  name: z.string().trim().min(1),
  kind: z.enum(ACTOR_KINDS),
  aliases: z.array(z.string().trim().min(1)).default([]),
  description: z.string().trim().min(1).optional(),
});
const CuratedFile = z.union([z.object({ actors: z.array(CuratedActor) }), z.array(CuratedActor).transform((actors) => ({ actors }))]);

export async function readCuratedActors(seedsDir: string): Promise<{ actors: ActorDef[]; warning?: string }> {
  let raw: string;
  try {
    raw = await readFile(path.join(seedsDir, CURATED_ACTORS_FILE), "utf8");
  } catch {
    return { actors: [] };
  }
  try {
    const parsed = CuratedFile.parse(JSON.parse(raw));
    return {
      actors: parsed.actors.map((a) => ({
        id: slug(a.name),
        name: a.name,
        kind: a.kind,
        aliases: a.aliases,
        ...(a.description ? { description: a.description } : {}),
      })),
    };
  } catch (err) {
    const reason = err instanceof z.ZodError ? z.prettifyError(err).replace(/\s+/g, " ") : (err as Error).message;
    return { actors: [], warning: `${CURATED_ACTORS_FILE}: ignored, ${reason}` };
  }
}
