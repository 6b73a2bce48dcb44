/**
 * Console mode: ask questions at a prompt and read quoted answers, with no Discord at all. It is
 * what `npm start` opens when no `DISCORD_TOKEN` is set, so a newcomer sees answers at once.
 * Commands start with a colon; anything else is a question.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { ReindexBusyError, formatReindexReport, type Engine } from "../engine.js";
import { formatAnswer } from "./format.js";

export const CONSOLE_HELP = [
  "Type a question and press Enter; Parley quotes the passages that answer it, with their sources.",
  "  :more            the next results for the last question",
  "  :sources         the indexed articles",
  "  :actors          the actors the articles mention, most mentioned first",
  "  :actor NAME      what the articles say about one actor (a name or alias: Kabulov, Moscow)",
  "  :reindex         rebuild the index from the articles folder",
  "  :help            this help",
  "  :quit            leave (Ctrl-D works too)",
].join("\n");

interface ConsoleState {
  lastQuestion?: string;
  shown: number;
}

/** A console command's effect: text to print, and whether to leave. */
export interface ConsoleReply {
  output: string;
  quit?: boolean;
}

export type ConsoleCommand = (engine: Engine, arg: string) => Promise<string> | string;

/** Extra `:name` commands (the actors module adds `:actor` and `:actors`). */
export const consoleCommands = new Map<string, ConsoleCommand>();

const PAGE = 3;

export async function handleConsoleLine(engine: Engine, line: string, state: ConsoleState, color = false): Promise<ConsoleReply> {
  const input = line.trim();
  if (input === "") return { output: "" };
  if (!input.startsWith(":")) {
    state.lastQuestion = input;
    state.shown = PAGE;
    return { output: formatAnswer(await engine.answer(input, { k: PAGE }), { color }) };
  }
  const [name = "", ...rest] = input.slice(1).split(/\s+/);
  const arg = rest.join(" ");
  switch (name.toLowerCase()) {
    case "q":
    case "quit":
    case "exit":
      return { output: "Bye.", quit: true };
    case "h":
    case "help":
      return { output: CONSOLE_HELP };
    case "more": {
      if (!state.lastQuestion) return { output: "Ask a question first." };
      const answer = await engine.answer(state.lastQuestion, { k: PAGE, offset: state.shown });
      state.shown += PAGE;
      return { output: answer.results.length ? formatAnswer(answer, { color }) : "No more results for that question." };
    }
    case "sources": {
      const { sources, builtAt } = engine.sources();
      const lines = sources.map((s) => `- ${s.meta.title} · ${s.meta.publisher ?? "unknown publisher"} · ${s.passages} passages · ${s.file}`);
      return { output: [`${sources.length} article(s), indexed ${builtAt}:`, ...lines].join("\n") };
    }
    case "reindex":
      try {
        return { output: formatReindexReport(await engine.reindex({ name: "console" })).join("\n") };
      } catch (err) {
        if (err instanceof ReindexBusyError) return { output: `A refresh is already running (since ${err.since.toISOString()}).` };
        return { output: `The refresh failed; the previous index keeps serving: ${(err as Error).message}` };
      }
    default: {
      const command = consoleCommands.get(name.toLowerCase());
      if (command) return { output: await command(engine, arg) };
      return { output: `Unknown command :${name}. Type :help for the list.` };
    }
  }
}

/** Run the prompt until :quit or end of input. */
export async function runConsole(engine: Engine, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  const tty = Boolean((output as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, output, terminal: tty, prompt: "parley> " });
  const state: ConsoleState = { shown: 0 };
  const write = (text: string) => output.write(text.endsWith("\n") || text === "" ? text : `${text}\n`);
  // The prompt is for a person at a terminal; piped input gets answers only.
  const prompt = () => tty && rl.prompt();
  write(`${engine.sources().sources.length} article(s), ${engine.library.passages.length} passages. Ask a question, or :help.`);
  prompt();
  for await (const line of rl) {
    const reply = await handleConsoleLine(engine, line, state, tty);
    write(reply.output);
    if (reply.quit) break;
    prompt();
  }
  rl.close();
}
