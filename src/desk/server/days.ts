/** Days as YYYY-MM-DD (UTC): the only precision the desk keeps about reports. */
export const today = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
