/** The desk API from the browser: JSON, same origin, the session's CSRF token on every change. */
let csrf: string | undefined;

export const setCsrf = (token: string | undefined) => {
  csrf = token;
};

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export async function api<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new ApiError(response.status, data.error ?? `Fout ${response.status}.`);
  return data;
}

/** Shows a message for everyone (role=alert), or hides it. */
export function notice(text?: string) {
  const box = document.getElementById('notice')!;
  document.getElementById('notice-text')!.textContent = text ?? '';
  box.hidden = !text;
}

/** Announces progress to screen readers. */
export function announce(text: string) {
  document.getElementById('status-line')!.textContent = text;
}
