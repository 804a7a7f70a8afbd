/**
 * Exports made in the browser after decryption: one case as JSON or as a printed page, and the
 * figures as CSV. The server never sees the content; the browser first tells it *that* it
 * exports (the audit log records who, which case or the figures, and how), then makes the file.
 */
import { api } from './client.ts';

/** Offers text as a file to save; nothing leaves the browser. */
export function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface CaseExport {
  kenmerk: string;
  zaak: Record<string, string | null>;
  melding: unknown;
  gesprek: { dag: string; van: 'meldbalie' | 'melder'; tekst: string | null }[];
  notities: { dag: string; door: string | undefined; tekst: string | null }[];
  statusgeschiedenis: { dag: string; status: string; reden: string | null }[];
}

let current: CaseExport | undefined;

/** The case on screen, as opened in this browser, for the export buttons. */
export const rememberCase = (data: CaseExport) => {
  current = data;
};

export async function exportCaseJson() {
  if (!current) return;
  await api(`/api/zaken/${current.kenmerk}/geexporteerd`, { format: 'json' });
  download(`melding-${current.kenmerk}.json`, 'application/json', `${JSON.stringify({ geexporteerd: new Date().toISOString(), ...current }, null, 2)}\n`);
}

export async function printCase() {
  if (!current) return;
  await api(`/api/zaken/${current.kenmerk}/geexporteerd`, { format: 'afdruk' });
  window.print();
}

export async function exportFiguresCsv(csv: string, today: string) {
  await api('/api/cijfers/geexporteerd', {});
  download(`meldbalie-cijfers-${today}.csv`, 'text/csv;charset=utf-8', `\uFEFF${csv}`);
}
