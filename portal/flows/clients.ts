/** An app allowed to ask for the `2fa:manage` scope. */
export interface RegisteredClient {
  id: string;
  /** Shown on the approval page, under "Connected apps" and in notifications. */
  name: string;
}

/**
 * The apps this portal pairs with. A device-code request from any other client id is refused, so a phishing
 * pairing cannot at least name itself anything it likes.
 */
export const REGISTERED_CLIENTS: readonly RegisteredClient[] = [{ id: 'tessera', name: 'Tessera' }];

export const registeredClient = (id: string): RegisteredClient | undefined =>
  REGISTERED_CLIENTS.find((c) => c.id === id);

/** The display name of a client id stored with a grant or token. */
export const clientName = (id: string): string => registeredClient(id)?.name ?? id;
