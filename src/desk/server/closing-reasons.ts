/** Why a case was closed: kept by the desk for its figures; never sent to the reporter. */
export const CLOSING_REASONS = {
  politie: 'Doorgezet naar de politie',
  arbeidsinspectie: 'Doorgezet naar de Nederlandse Arbeidsinspectie',
  zorgcoordinator: 'Doorgezet naar de zorgcoördinator mensenhandel',
  'veilig-thuis': 'Doorgezet naar Veilig Thuis',
  'geen-aanknopingspunten': 'Geen aanknopingspunten',
} as const;
