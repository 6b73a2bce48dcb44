/**
 * What the articles call each person besides their name: the appositive after it ("Tomasz Wrona,
 * Poland’s agriculture minister, said …", "Katarina Lindqvist, the EU commissioner for health")
 * and the title before it ("Port authority president Helena Castro"). People ask about someone by
 * that role as often as by name ("What does the Polish agriculture minister think …?"), and a
 * paragraph that names the person once named their role may not repeat it: answering lets a
 * mention of the person stand, more weakly, for the words of their role. Pure functions over
 * passage texts and the alias table.
 */
import { analyse } from "../search/analyse.js";
import type { AliasTable } from "./aliases.js";
import { ROLE_TITLES } from "./extract.js";

/** A person's roles as the articles write them: their analysed words and the actors they name ("Poland’s" → Poland). */
export interface PersonRole {
  terms: Set<string>;
  actors: Set<string>;
}

/** An appositive after a name: a comma, a short phrase that is no clause, then a comma, a full stop or "said". */
const APPOSITIVE = /^,\s+(?!(?:who|whom|whose|which|that|however|though|meanwhile|too|also|said|says|told|in|on|at|for|by|and|but)\b)([^,;:.()“”"]{3,90}?)(?=\s*(?:[,;.)]|$)|\s+(?:said|says|told|added|warned)\b)/u;
/** The words before a name, for a title: up to four, back to punctuation, maybe with a comma ("Afghanistan’s foreign minister, Mohammad Haneef Atmar"). */
const BEFORE = /((?:[\p{L}’'-]+\s+){0,3}[\p{L}’'-]+)(?:,\s+|\s+)$/u;

/** The roles of every person the passages name, by actor id. */
export function personRoles(texts: readonly string[], aliases: AliasTable): Map<string, PersonRole> {
  const roles = new Map<string, PersonRole>();
  const add = (actorId: string, phrase: string) => {
    const role = roles.get(actorId) ?? { terms: new Set<string>(), actors: new Set<string>() };
    for (const t of analyse(phrase)) role.terms.add(t);
    for (const id of aliases.actorIds(phrase)) if (id !== actorId) role.actors.add(id);
    roles.set(actorId, role);
  };
  for (const text of texts) {
    for (const m of aliases.mentions(text)) {
      if (aliases.actors.get(m.actorId)?.kind !== "person") continue;
      const after = APPOSITIVE.exec(text.slice(m.end));
      if (after && after[1]!.split(/\s+/).length <= 12) add(m.actorId, after[1]!);
      const before = BEFORE.exec(text.slice(0, m.start));
      if (before) {
        const words = before[1]!.split(/\s+/);
        // A title ends right before the name ("… Minister Ricardo Almeida"); the words before it are its portfolio.
        if (ROLE_TITLES.has(words[words.length - 1]!.toLowerCase())) add(m.actorId, words.join(" "));
      }
    }
  }
  return roles;
}
