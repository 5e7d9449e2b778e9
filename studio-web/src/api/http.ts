import type { ErrorBody } from '@atelier/contracts/error.schema';

/** The one way the studio talks HTTP: JSON in, JSON out, and every failure as an ApiError. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  throw await toApiError(res);
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ErrorBody> | null;
  } catch {
    // Not our JSON (a proxy's HTML page, an empty 502): fall through to the status text.
  }
  // Checked field by field: a proxy in between may answer with JSON of its own.
  const e = body?.error;
  const code = typeof e?.code === 'string' ? e.code : `http_${res.status}`;
  const message = typeof e?.message === 'string' ? e.message : res.statusText || `HTTP ${res.status}`;
  return new ApiError(res.status, code, message, e?.details);
}

export function postJson<T>(url: string, body: unknown): Promise<T> {
  return request<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Multipart with the JSON `meta` field first, so servers that stream the file can read meta before it. */
export function postMultipart<T>(url: string, meta: unknown, fileField: string, file: Blob, fileName: string): Promise<T> {
  const form = new FormData();
  form.append('meta', JSON.stringify(meta));
  form.append(fileField, file, fileName);
  return request<T>(url, { method: 'POST', body: form });
}

export const query = (params: Record<string, string | number | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
