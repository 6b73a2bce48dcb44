/**
 * Per-user cooldown: after a question, a member waits `seconds` before the next one. Pure state,
 * with the clock passed in, so it is tested without waiting.
 */
export type CooldownCheck = { ok: true } | { ok: false; retryAfterMs: number };

export class Cooldowns {
  private readonly until = new Map<string, number>();

  constructor(
    /** Seconds between two questions of one user; 0 turns the cooldown off. */
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `userId` may go ahead; if so, their cooldown starts now. */
  take(userId: string): CooldownCheck {
    if (this.seconds <= 0) return { ok: true };
    const now = this.now();
    const until = this.until.get(userId);
    if (until !== undefined && until > now) return { ok: false, retryAfterMs: until - now };
    this.until.set(userId, now + this.seconds * 1000);
    if (this.until.size > 10_000) this.prune(now);
    return { ok: true };
  }

  private prune(now: number): void {
    for (const [user, until] of this.until) if (until <= now) this.until.delete(user);
  }
}

/** "2 seconds", "1 second": whole seconds, rounded up, never 0. */
export function formatWait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return `${s} second${s === 1 ? "" : "s"}`;
}

/** What a member who asks again too soon is told. */
export function cooldownText(retryAfterMs: number): string {
  return `You're asking quickly: you can ask again in ${formatWait(retryAfterMs)}.`;
}
