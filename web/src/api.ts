// The REST API (see /api/openapi.json). Changes carry the session's CSRF token.
export interface ApiErrorBody {
  code: string;
  message: string;
  fields: Record<string, string>;
}

export class ApiError extends Error {
  constructor(public status: number, public body: ApiErrorBody) {
    super(body.message);
  }
}

export interface Session {
  user: string;
  role: "admin" | "editor" | "viewer";
  csrfToken: string;
}

let csrfToken = "";
let onUnauthenticated: () => void = () => {};

export function setSession(session: Session | null): void {
  csrfToken = session ? session.csrfToken : "";
}

export function whenSignedOut(handler: () => void): void {
  onUnauthenticated = handler;
}

function headers(hasBody: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (hasBody) out["Content-Type"] = "application/json";
  if (csrfToken) out["X-CSRF-Token"] = csrfToken;
  return out;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = { code: `http_${res.status}`, message: `HTTP ${res.status}`, fields: {} };
  try {
    const parsed = await res.json();
    if (parsed && parsed.error) body = { fields: {}, ...parsed.error };
  } catch {
    /* not JSON: keep the status line */
  }
  return new ApiError(res.status, body);
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401 && path !== "/api/session") onUnauthenticated();
    throw error;
  }
  return (await res.json()) as T;
}

// GETs a text answer (an export: YAML, CSV), not JSON.
export async function apiText(path: string): Promise<string> {
  const res = await fetch(path, { headers: headers(false), credentials: "same-origin" });
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401) onUnauthenticated();
    throw error;
  }
  return res.text();
}

// POSTs and reads the answer as server-sent events, calling `onEvent` for each.
export async function streamEvents(path: string, body: unknown, onEvent: (event: string, data: any) => void, signal?: AbortSignal): Promise<void> {
  const res = await fetch(path, { method: "POST", headers: headers(true), body: JSON.stringify(body), credentials: "same-origin", signal });
  if (!res.ok || !res.body) {
    const error = await errorOf(res);
    if (res.status === 401) onUnauthenticated();
    throw error;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let searched = 0;  // the buffer before this holds no event end: a large event is scanned once
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n", searched)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      searched = 0;
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length) onEvent(event, JSON.parse(data.join("\n")));
    }
    searched = Math.max(0, buffer.length - 1);
  }
}

export interface Signature {
  id: string;
  description: string;
  pageDetail: string;
  provider: string;
  service: string;
  resourceType: string;
  riskLevel: string;
  category: string;
  function: string;
  group: string;
  passMessage: string;
  failMessage: string;
  remediationSteps: string;
  compliance: string[];
  enabled: boolean;
  code?: string;
  builtin: boolean;
  updatedAt: string;
  lastResults: { scanId: number; Pass: number; Fail: number; Error: number } | null;
}

// One member of `lib`, the helper library signatures get as their third argument, as its
// sources document it (src/sandbox/lib/*.js).
export interface LibMember {
  name: string;  // "lib.iam.allows"
  kind: "function" | "value";
  signature: string;  // "lib.iam.allows(doc, action, resource = \"*\", context = {}) -> boolean"
  returns: string;
  doc: string;
  example: string;
}

export interface Catalog {
  // scope/source: what the accounts forms call one account and a source of them;
  // ownAccess: its records carry access settings (else the scanner's credentials reach them).
  providers: { name: string; title: string; scope: string; source: string; ownAccess: boolean; supported: boolean }[];
  // provider -> service -> its resource types (cloudName: CloudFormation's or Resource Manager's name)
  services: Record<string, Record<string, { type: string; cloudName: string; global: boolean }[]>>;
  riskLevels: string[];
  functions: string[];
  template: string;
  lib: LibMember[];
}

let catalogPromise: Promise<Catalog> | null = null;
export function catalog(): Promise<Catalog> {
  if (!catalogPromise) catalogPromise = api<Catalog>("GET", "/api/catalog").catch((e) => ((catalogPromise = null), Promise.reject(e)));
  return catalogPromise;
}
