import { api, ApiError, Session, setSession } from "../api";
import { append, clear, confirmDialog, formatTime, h, pager, toast, type Paged } from "../dom";
import type { Context } from "../main";
import { channelsSection, schedulesSection } from "./notifications";

interface Settings {
  regions: string[];
  publicUrl: string;
  testTimeLimitSeconds: number;
  evaluationTimeLimitSeconds: number;
  limitStrikes: number;
  maxRequestsPerSecond: number;
  maxServiceRequestsPerSecond: number;
  accountConcurrency: number;
  retentionScans: number;
  retentionDays: number;
}

export function settingsPage(ctx: Context): { element: HTMLElement } {
  const regions = h("input", { type: "text", name: "regions", placeholder: "every enabled region" });
  const publicUrl = h("input", { type: "text", name: "publicUrl", placeholder: "https://signet.example.com (for links in notifications)" });
  const testLimit = h("input", { type: "number", name: "testTimeLimitSeconds", min: 1, max: 3600 });
  const evalLimit = h("input", { type: "number", name: "evaluationTimeLimitSeconds", min: 1, max: 3600 });
  const strikes = h("input", { type: "number", name: "limitStrikes", min: 0, max: 10000 });
  const accountCap = h("input", { type: "number", name: "maxRequestsPerSecond", min: 0, max: 100000, step: "any" });
  const serviceCap = h("input", { type: "number", name: "maxServiceRequestsPerSecond", min: 0, max: 100000, step: "any" });
  const concurrency = h("input", { type: "number", name: "accountConcurrency", min: 1, max: 64 });
  const keepScans = h("input", { type: "number", name: "retentionScans", min: 0, max: 100000 });
  const keepDays = h("input", { type: "number", name: "retentionDays", min: 0, max: 100000 });
  const users = h("div", { class: "table-wrap" });
  const tokens = h("div", { class: "table-wrap" });
  const newToken = h("p", { class: "mono" });
  let usersOffset = 0, tokensOffset = 0;

  // A user's role, changeable by an admin (not their own).
  const roleSelect = (u: { name: string; role: string }) => {
    if (u.name === ctx.session.user) return u.role;
    const select = h("select", { "aria-label": `Role of ${u.name}` }, ...["viewer", "editor", "admin"].map((r) => h("option", { value: r }, r)));
    select.value = u.role;
    select.addEventListener("change", async () => {
      try {
        await api("PUT", `/api/users/${encodeURIComponent(u.name)}`, { role: select.value });
        toast(`${u.name} is now ${select.value}`);
      } catch (err) {
        select.value = u.role;
        toast(errorText(err), "error");
      }
    });
    return select;
  };

  async function load() {
    const s = await api<Settings>("GET", "/api/settings");
    regions.value = s.regions.join(", ");
    publicUrl.value = s.publicUrl;
    testLimit.value = String(s.testTimeLimitSeconds);
    evalLimit.value = String(s.evaluationTimeLimitSeconds);
    strikes.value = String(s.limitStrikes);
    accountCap.value = String(s.maxRequestsPerSecond);
    serviceCap.value = String(s.maxServiceRequestsPerSecond);
    concurrency.value = String(s.accountConcurrency ?? 4);
    keepScans.value = String(s.retentionScans ?? 0);
    keepDays.value = String(s.retentionDays ?? 0);
    if (ctx.isAdmin) {
      const page = await api<Paged<{ name: string; role: string; createdAt: string }>>("GET", `/api/users?offset=${usersOffset}&limit=50`);
      clear(users);
      append(users, h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "User"), h("th", {}, "Role"), h("th", {}, "Created"), h("th", {}, ""))),
        h("tbody", {}, ...page.items.map((u) => h("tr", {}, h("td", {}, u.name), h("td", {}, roleSelect(u)), h("td", {}, formatTime(u.createdAt)),
          h("td", {}, u.name === ctx.session.user ? "" : h("button", { class: "small danger", onclick: async () => {
            if (!(await confirmDialog(`Remove ${u.name}?`, "Their sessions and API tokens stop working.", "Remove"))) return;
            await api("DELETE", `/api/users/${encodeURIComponent(u.name)}`);
            load();
          } }, "Remove")))))));
      if (page.total > page.limit) append(users, pager(page, (to) => { usersOffset = to; load(); }, "users-pager"));
    }
    const page = await api<Paged<{ id: number; name: string; user: string; createdAt: string }>>("GET", `/api/tokens?offset=${tokensOffset}&limit=50`);
    clear(tokens);
    append(tokens, h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Token"), h("th", {}, "User"), h("th", {}, "Created"), h("th", {}, ""))),
      h("tbody", {}, ...page.items.map((t) => h("tr", {}, h("td", {}, t.name), h("td", {}, t.user), h("td", {}, formatTime(t.createdAt)),
        h("td", {}, h("button", { class: "small danger", onclick: async () => { await api("DELETE", `/api/tokens/${t.id}`); load(); } }, "Revoke")))))));
    if (page.total > page.limit) append(tokens, pager(page, (to) => { tokensOffset = to; load(); }, "tokens-pager"));
  }

  const errorText = (e: unknown) => e instanceof ApiError ? `${e.message}: ${Object.entries(e.body.fields).map(([k, v]) => `${k} ${v}`).join("; ")}` : String(e);

  const settingsForm = h("form", { class: "card" }, h("h3", {}, "Scans and Test runs"),
    h("label", { class: "field" }, h("span", { class: "label" }, "Regions (comma-separated)"), regions),
    h("label", { class: "field" }, h("span", { class: "label" }, "This console's address"), publicUrl),
    h("div", { class: "row" },
      h("label", { class: "field" }, h("span", { class: "label" }, "Test run time limit (s)"), testLimit),
      h("label", { class: "field" }, h("span", { class: "label" }, "Per-resource time limit in scans (s)"), evalLimit),
      h("label", { class: "field" }, h("span", { class: "label" }, "Skip a signature after it broke its limits on (resources; 0: never)"), strikes)),
    h("div", { class: "row" },
      h("label", { class: "field" }, h("span", { class: "label" }, "Most requests a second to an account (0: no cap)"), accountCap),
      h("label", { class: "field" }, h("span", { class: "label" }, "Most requests a second to one of its services (0: no cap)"), serviceCap),
      h("label", { class: "field" }, h("span", { class: "label" }, "Accounts scanned at once (1 to 64)"), concurrency)),
    h("div", { class: "row" },
      h("label", { class: "field" }, h("span", { class: "label" }, "Scans kept per account (0: all)"), keepScans),
      h("label", { class: "field" }, h("span", { class: "label" }, "Days of history kept (0: all)"), keepDays)),
    h("button", { type: "submit" }, "Save settings"));
  settingsForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("PUT", "/api/settings", {
        regions: regions.value.split(",").map((r) => r.trim()).filter(Boolean),
        publicUrl: publicUrl.value.trim(),
        testTimeLimitSeconds: Number(testLimit.value), evaluationTimeLimitSeconds: Number(evalLimit.value),
        limitStrikes: Number(strikes.value),
        maxRequestsPerSecond: Number(accountCap.value), maxServiceRequestsPerSecond: Number(serviceCap.value),
        accountConcurrency: Number(concurrency.value),
        retentionScans: Number(keepScans.value), retentionDays: Number(keepDays.value),
      });
      toast("Settings saved");
    } catch (err) {
      toast(errorText(err), "error");
    }
  });

  const userForm = h("form", { class: "inline" },
    h("input", { name: "name", placeholder: "user name", required: true }),
    h("select", { name: "role" }, h("option", { value: "viewer" }, "viewer"), h("option", { value: "editor" }, "editor"), h("option", { value: "admin" }, "admin")),
    h("input", { name: "password", type: "password", placeholder: "password (10+ characters)", required: true, autocomplete: "new-password" }),
    h("button", { type: "submit" }, "Add user"));
  userForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(userForm);
    try {
      await api("POST", "/api/users", { name: data.get("name"), role: data.get("role"), password: data.get("password") });
      userForm.reset();
      toast("User added");
      load();
    } catch (err) {
      toast(errorText(err), "error");
    }
  });
  const tokenForm = h("form", { class: "inline" }, h("input", { name: "name", placeholder: "what it is for (e.g. CI)", required: true }), h("button", { type: "submit" }, "Create API token"));
  tokenForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const t = await api<{ token: string }>("POST", "/api/tokens", { name: new FormData(tokenForm).get("name") });
      newToken.textContent = `New token (shown once): ${t.token}`;
      tokenForm.reset();
      load();
    } catch (err) {
      toast(errorText(err), "error");
    }
  });

  const passwordForm = h("form", { class: "inline", "data-testid": "password-form" },
    h("input", { name: "currentPassword", type: "password", placeholder: "current password", required: true, autocomplete: "current-password" }),
    h("input", { name: "newPassword", type: "password", placeholder: "new password (10+ characters)", required: true, autocomplete: "new-password" }),
    h("button", { type: "submit" }, "Change password"));
  passwordForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(passwordForm);
    try {
      const session = await api<Session>("POST", "/api/session/password", { currentPassword: data.get("currentPassword"), newPassword: data.get("newPassword") });
      setSession(session);
      passwordForm.reset();
      toast("Password changed; your other sessions are signed out");
    } catch (err) {
      toast(errorText(err), "error");
    }
  });

  const element = h("section", { class: "settings" }, h("h2", {}, "Settings"),
    h("div", { class: "card" }, h("h3", {}, `Your account (${ctx.session.user}, ${ctx.session.role})`), passwordForm),
    ctx.isAdmin ? settingsForm : null,
    ctx.isAdmin ? channelsSection() : null,
    ctx.isAdmin ? schedulesSection() : null,
    ctx.isAdmin ? h("div", { class: "card" }, h("h3", {}, "Users"), users, userForm) : null,
    h("div", { class: "card" }, h("h3", {}, "API tokens (for the CLI and CI: Authorization: Bearer TOKEN)"), tokens, tokenForm, newToken));
  load().catch((e) => toast(String(e), "error"));
  return { element };
}
