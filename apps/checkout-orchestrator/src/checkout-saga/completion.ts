/**
 * Lets whoever put a message on the bus wait until the command it turned into has committed.
 * The consumer acks a RabbitMQ message only when this resolves; a rejection means "retry".
 */
export class Completion<T = void> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}
