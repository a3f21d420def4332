import "./style.css";
import { api, ApiError, Session, setSession, whenSignedOut } from "./api";
import { append, clear, h } from "./dom";
import { risksPage } from "./pages/risks";
import { signaturesPage } from "./pages/signatures";
import { editorPage } from "./pages/editor";
import { scansPage } from "./pages/scans";
import { settingsPage } from "./pages/settings";
import { accountsPage } from "./pages/accounts";
import { mutelistPage } from "./pages/mutelist";
import { compliancePage } from "./pages/compliance";
import { signInPage, setupPage } from "./pages/signin";

export interface Context {
  session: Session;
  canEdit: boolean; // editor or admin
  isAdmin: boolean;
  params: URLSearchParams;
}

const app = document.getElementById("app")!;
let session: Session | null = null;
let leaving: (() => void) | null = null; // the current page's clean-up (timers, streams)

function route(): { path: string; params: URLSearchParams } {
  const hash = location.hash.replace(/^#/, "") || "/risks";
  const [path, query] = hash.split("?");
  return { path, params: new URLSearchParams(query || "") };
}

export function go(path: string): void {
  if (location.hash === "#" + path) render();
  else location.hash = path;
}

function nav(current: string): HTMLElement {
  const link = (path: string, label: string, match: string) =>
    h("a", { href: "#" + path, class: current.startsWith(match) ? "active" : "" }, label);
  return h("header", { class: "topbar" },
    h("div", { class: "brand" }, h("span", { class: "logo" }, "◆"), "Signet"),
    h("nav", {},
      link("/risks", "Risks", "/risks"),
      link("/signatures", "Custom Signatures", "/signatures"),
      link("/scans", "Scans", "/scans"),
      link("/mutelist", "Mutelist", "/mutelist"),
      link("/compliance", "Compliance", "/compliance"),
      session!.role === "admin" ? link("/accounts", "Accounts", "/accounts") : null,
      link("/settings", "Settings", "/settings")),
    h("div", { class: "who" },
      h("span", { "data-testid": "whoami" }, `${session!.user} · ${session!.role}`),
      h("button", { class: "link", onclick: signOut }, "Sign out")));
}

async function signOut(): Promise<void> {
  try {
    await api("DELETE", "/api/session");
  } finally {
    session = null;
    setSession(null);
    go("/signin");
  }
}

async function render(): Promise<void> {
  if (leaving) {
    leaving();
    leaving = null;
  }
  const { path, params } = route();
  clear(app);
  if (path === "/signin" || path === "/setup") {
    const page = path === "/signin" ? signInPage(onSignedIn) : setupPage(onSignedIn);
    append(app, page);
    return;
  }
  if (!session) {
    try {
      session = await api<Session>("GET", "/api/session");
      setSession(session);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        const setup = await api<{ needed: boolean }>("GET", "/api/setup");
        go(setup.needed ? "/setup" : "/signin");
        return;
      }
      append(app, h("p", { class: "error" }, `The server did not answer: ${(e as Error).message}`));
      return;
    }
  }
  const ctx: Context = { session, canEdit: session.role !== "viewer", isAdmin: session.role === "admin", params };
  const main = h("main", { class: "page" });
  append(app, nav(path), main);
  let page: { element: HTMLElement; leave?: () => void };
  const signatureMatch = path.match(/^\/signatures\/(new|[A-Za-z0-9_-]+)$/);
  if (path.startsWith("/risks")) page = risksPage(ctx);
  else if (signatureMatch) page = editorPage(ctx, signatureMatch[1] === "new" ? null : signatureMatch[1]);
  else if (path.startsWith("/signatures")) page = signaturesPage(ctx);
  else if (path.startsWith("/scans")) page = scansPage(ctx);
  else if (path.startsWith("/settings")) page = settingsPage(ctx);
  else if (path.startsWith("/accounts")) page = accountsPage(ctx);
  else if (path.startsWith("/mutelist")) page = mutelistPage(ctx);
  else if (path.startsWith("/compliance")) page = compliancePage(ctx);
  else page = { element: h("p", {}, "No such page. ", h("a", { href: "#/risks" }, "Go to Risks")) };
  append(main, page.element);
  leaving = page.leave || null;
}

function onSignedIn(s: Session): void {
  session = s;
  setSession(s);
  go("/risks");
}

whenSignedOut(() => {
  session = null;
  setSession(null);
  if (!location.hash.startsWith("#/signin")) go("/signin");
});

window.addEventListener("hashchange", render);
render();
