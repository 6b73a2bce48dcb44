/**
 * The questions behind answers still on screen, so that "More" can fetch the next results: a
 * custom id holds at most 100 characters and a question up to 300 (a message far more), so the
 * button carries a key and the question stays here. Bounded (oldest forgotten first); a
 * forgotten or pre-restart answer gets "ask again" rather than a guess.
 */
export interface AnswerSession {
  question: string;
  /** Results per page. */
  k: number;
  /** Who asked: the only one who may delete the answer, or page it in place. */
  askerId: string;
}

export class AnswerSessions {
  private readonly sessions = new Map<string, AnswerSession>();

  constructor(private readonly capacity = 2000) {}

  remember(key: string, session: AnswerSession): void {
    this.sessions.delete(key);
    this.sessions.set(key, session);
    while (this.sessions.size > this.capacity) this.sessions.delete(this.sessions.keys().next().value!);
  }

  get(key: string): AnswerSession | undefined {
    return this.sessions.get(key);
  }
}
