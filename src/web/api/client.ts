// The one way the web app talks to the server: JSON in and out, the session cookie along,
// and every failure turned into an ApiError carrying the server's Chinese message and field.

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** The request field at fault, e.g. "members.2.idNumber". */
    readonly field?: string,
    /** The server's further facts, e.g. `problems` of a refused scheme or `rows` of a refused import. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
}

// What to do when the session is gone; the auth context replaces the default (a full reload to the login page).
let onUnauthorized = (): void => {
  window.location.assign(loginPath(currentPath()));
};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

/** The login page, remembering where the user wanted to go. */
export function loginPath(next: string): string {
  return next && next !== '/' && !next.startsWith('/login') ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

/** Builds "/api/x?a=1" leaving out empty values, so filters can be passed as they are. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

// Paths whose 401 means "wrong password" or "not logged in yet", not "session expired".
const NO_REDIRECT = new Set(['/auth/login', '/auth/me']);

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        Accept: accept,
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
  } catch {
    throw new ApiError('network_error', '无法连接服务器，请检查网络后重试', 0);
  }
  if (response.ok) return response;
  const error = await errorOf(response);
  if (response.status === 401 && !NO_REDIRECT.has(path)) onUnauthorized();
  throw error;
}

async function errorOf(response: Response): Promise<ApiError> {
  return errorFromText(response.status, await response.text().catch(() => ''));
}

type ErrorBody = { error?: { code?: string; message?: string; field?: string; details?: Record<string, unknown> } };

function errorFromText(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as ErrorBody;
    if (body.error?.message) {
      return new ApiError(body.error.code ?? 'error', body.error.message, status, body.error.field ?? undefined, body.error.details);
    }
  } catch {
    // not JSON: fall through to a generic message
  }
  return new ApiError('http_error', `服务器出错（状态码 ${status}），请稍后重试`, status);
}

/**
 * Sends a file as the raw request body (e.g. an .xlsx roster) and reports the upload's progress (0-100):
 * XMLHttpRequest, since fetch tells nothing about an upload under way. Answers the JSON reply.
 */
export function upload<T>(path: string, query: Query, file: Blob, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl(path, query));
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    request.onerror = () => reject(new ApiError('network_error', '无法连接服务器，请检查网络后重试', 0));
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve(JSON.parse(request.responseText) as T);
        } catch {
          reject(new ApiError('http_error', '服务器的回答无法识别，请稍后重试', request.status));
        }
        return;
      }
      if (request.status === 401) onUnauthorized();
      reject(errorFromText(request.status, request.responseText));
    };
    request.send(file);
  });
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  return (await response.json()) as T;
}

/** Downloads a file the server builds (e.g. an Excel export) under the name it suggests. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await send(path, { query }, '*/*');
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
