export interface ClosedPort {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Closes the connection that holds the port. */
  release(): void;
}

/** A loopback port on which a connection is refused (ECONNREFUSED) for as long as it is held. */
export function closedPort(): Promise<ClosedPort>;
