import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../../scripts/lib/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set when the portal tests run on PostgreSQL (vitest.postgres.config.ts). */
    databaseUrl: string;
  }
}

/** Starts one throw-away PostgreSQL server for the whole run; each test portal gets its own schema in it. */
export default async function setup(project: TestProject) {
  const server = await startThrowawayPostgres();
  project.provide('databaseUrl', server.url);
  return () => server.stop();
}
