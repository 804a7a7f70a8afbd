/** The store a desk's settings ask for: PostgreSQL with DESK_DATABASE_URL, else SQLite in DESK_DATA_DIR. */
import type { DeskConfig } from './config.ts';
import type { DeskStore } from './store.ts';

export async function openDeskStore(config: Pick<DeskConfig, 'dataDir' | 'databaseUrl'>): Promise<DeskStore> {
  if (config.databaseUrl) {
    const { PostgresDeskStore } = await import('./postgres-store.ts');
    return PostgresDeskStore.open(config.databaseUrl);
  }
  const { SqliteDeskStore } = await import('./sqlite-store.ts');
  return new SqliteDeskStore(config.dataDir);
}
