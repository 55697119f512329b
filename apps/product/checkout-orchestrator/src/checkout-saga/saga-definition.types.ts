/**
 * The vocabulary of a declarative saga table. Kept apart from the checkout's own table so the
 * table file reads as data, and so the web UI can walk any table built from these types.
 */

/** A timer the saga can arm when entering a state; it fires as an event if not disarmed first. */
export interface TimerSpec<TimerName extends string> {
  readonly arm?: TimerName;
  /** Timers to cancel (the event they guard against can no longer matter). */
  readonly disarm?: readonly TimerName[];
}

/** One row of the table: in this state, on this event, (if the guard holds) go there, send these. */
export interface Transition<State extends string, Outgoing extends string, GuardName extends string, TimerName extends string>
  extends TimerSpec<TimerName> {
  readonly to: State;
  readonly send?: readonly Outgoing[];
  /** Only when this named guard holds; the first matching row wins. */
  readonly when?: GuardName;
  /** Marks a step that undoes an earlier one (drawn in red by the UI). */
  readonly compensation?: boolean;
  /** A short note on why the row exists, shown by the architecture page. */
  readonly note?: string;
}

export interface StateSpec<
  State extends string,
  Incoming extends string,
  Outgoing extends string,
  GuardName extends string,
  TimerName extends string,
> {
  readonly final?: boolean;
  /** Needs an operator (shown as such); a final state accepts only bookkeeping events. */
  readonly attention?: boolean;
  readonly on: Partial<Record<Incoming, readonly Transition<State, Outgoing, GuardName, TimerName>[]>>;
}

export interface SagaDefinition<
  State extends string,
  Incoming extends string,
  Outgoing extends string,
  GuardName extends string,
  TimerName extends string,
> {
  readonly name: string;
  readonly initial: State;
  /** The message the saga sends when it starts. */
  readonly start: { readonly send: readonly Outgoing[] };
  readonly states: Record<State, StateSpec<State, Incoming, Outgoing, GuardName, TimerName>>;
}
