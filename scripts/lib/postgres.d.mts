/** PostgreSQL's server bin folder ($POSTGRES_BIN, else the newest of Debian's), or undefined. */
export function postgresBin(): string | undefined;
/** Makes sure the server binaries exist (apt-get as root on Debian); undefined after saying what to install. */
export function ensurePostgres(): string | undefined;
/** Starts a throw-away server on a free loopback port; `stop` drops it and its data. */
export function startThrowawayPostgres(): Promise<{ url: string; stop(): void }>;
/** A loopback TCP port nobody listens on right now. */
export function freePort(): Promise<number>;
