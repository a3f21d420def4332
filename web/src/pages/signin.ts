import { api, ApiError, Session } from "../api";
import { h } from "../dom";

function form(title: string, intro: string, fields: HTMLElement[], submitLabel: string, submit: (data: FormData) => Promise<void>): HTMLElement {
  const error = h("p", { class: "error", role: "alert", "data-testid": "signin-error" });
  const button = h("button", { type: "submit" }, submitLabel);
  const el = h("form", { class: "signin card" }, h("div", { class: "brand big" }, h("span", { class: "logo" }, "◆"), "Signet"),
    h("h2", {}, title), intro ? h("p", { class: "muted" }, intro) : null, ...fields, error, button);
  el.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    button.disabled = true;
    try {
      await submit(new FormData(el));
    } catch (err) {
      const fieldText = err instanceof ApiError ? Object.entries(err.body.fields).map(([k, v]) => `${k} ${v}`).join("; ") : "";
      error.textContent = (err as Error).message + (fieldText ? ` (${fieldText})` : "");
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

const input = (label: string, name: string, type = "text", autocomplete = "") =>
  h("label", {}, label, h("input", { name, type, required: true, autocomplete: autocomplete || null }));

export function signInPage(done: (s: Session) => void): HTMLElement {
  return form("Sign in", "", [input("User name", "username", "text", "username"), input("Password", "password", "password", "current-password")],
    "Sign in", async (data) => {
      done(await api<Session>("POST", "/api/session", { username: data.get("username"), password: data.get("password") }));
    });
}

export function setupPage(done: (s: Session) => void): HTMLElement {
  return form("Create the first admin",
    "No account exists yet. Paste the one-time setup token from the server's log, and choose the admin's name and password (10 characters or more).",
    [input("Setup token", "token"), input("User name", "username", "text", "username"), input("Password", "password", "password", "new-password")],
    "Create admin", async (data) => {
      const username = data.get("username"), password = data.get("password");
      await api("POST", "/api/setup", { token: data.get("token"), username, password });
      done(await api<Session>("POST", "/api/session", { username, password }));
    });
}
