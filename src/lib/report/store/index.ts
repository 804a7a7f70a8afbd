/**
 * Opens the report store the configuration asks for: PostgreSQL when REPORT_DATABASE_URL is
 * set (several replicas), otherwise the embedded SQLite file in REPORT_DATA_DIR.
 */
import type { ReportConfig } from '../core/config.ts';
import type { ReportStore } from './port.ts';

export async function openReportStore(config: Pick<ReportConfig, 'databaseUrl' | 'outboxFile'>): Promise<ReportStore> {
  if (config.databaseUrl) {
    const { PostgresStore } = await import('./postgres.ts');
    return PostgresStore.open(config.databaseUrl);
  }
  const { SqliteStore } = await import('./sqlite.ts');
  return new SqliteStore(config.outboxFile);
}
