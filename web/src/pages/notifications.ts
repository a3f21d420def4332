// Settings sections for notification channels, their deliveries, and scheduled scans (admin).
import { api, ApiError } from "../api";
import { append, clear, confirmDialog, formatTime, h, pager, toast, type Paged } from "../dom";

interface Channel {
  id: number;
  name: string;
  type: "webhook" | "slack" | "email";
  enabled: boolean;
  minLevel: string;
  notifyFixed: boolean;
  services: string[];
  signatures: string[];
  accounts: string[];
  urlHint?: string;
  to?: string[];
  signingSecretSet?: boolean;
}

interface Delivery {
  at: string;
  channelName: string;
  kind: string;
  scanId: number;
  newCount: number;
  fixedCount: number;
  status: string;
  attempts: number;
  error?: string;
}

interface Schedule {
  id: number;
  name: string;
  account: string;
  every: string;
  cron: string;
  regions: string[];
  enabled: boolean;
  nextRunAt: string;
  lastRunAt: string;
  lastStatus: string;
  lastScanId: number;
}

type FieldMap = Record<string, HTMLInputElement | HTMLSelectElement>;

// A small form whose inputs are named after the API's fields; errors shown beside each.
function fieldForm(fields: [string, string, HTMLInputElement | HTMLSelectElement][], submitLabel: string,
  submit: (values: Record<string, unknown>) => Promise<void>): { form: HTMLFormElement; inputs: FieldMap } {
  const inputs: FieldMap = {};
  const errors: Record<string, HTMLElement> = {};
  const form = h("form", { class: "grid-form" });
  for (const [name, label, input] of fields) {
    inputs[name] = input;
    errors[name] = h("span", { class: "field-error", "data-field-error": name });
    append(form, h("label", { class: `field field-${name}` }, h("span", { class: "label" }, label), input, errors[name]));
  }
  const general = h("p", { class: "error" });
  append(form, h("div", { class: "actions" }, h("button", { type: "submit" }, submitLabel)), general);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    for (const el of Object.values(errors)) el.textContent = "";
    general.textContent = "";
    const values: Record<string, unknown> = {};
    for (const [name, el] of Object.entries(inputs)) {
      if (el.closest(".hidden")) continue;
      if (el instanceof HTMLInputElement && el.type === "checkbox") values[name] = el.checked;
      else if (el.value !== "") values[name] = el.value;
    }
    try {
      await submit(values);
      form.reset();
    } catch (err) {
      if (err instanceof ApiError) {
        for (const [name, message] of Object.entries(err.body.fields)) {
          if (errors[name]) errors[name].textContent = message;
          else general.textContent += `${name}: ${message} `;
        }
        if (!Object.keys(err.body.fields).length) general.textContent = err.message;
      } else general.textContent = String(err);
    }
  });
  return { form, inputs };
}

const input = (name: string, placeholder = "", type = "text") => h("input", { name, placeholder, type, "data-field": name });
const select = (name: string, options: string[]) => h("select", { name, "data-field": name }, ...options.map((o) => h("option", { value: o }, o)));

export function channelsSection(): HTMLElement {
  const list = h("div", { class: "table-wrap" });
  const deliveries = h("div", { class: "table-wrap" });

  let offset = 0, deliveriesOffset = 0;
  async function load() {
    const page = await api<Paged<Channel>>("GET", `/api/channels?offset=${offset}&limit=50`);
    const channels = page.items;
    clear(list);
    if (!page.total) append(list, h("p", { class: "empty" }, "No channel yet: nobody is told about new risks."));
    else {
      const body = h("tbody");
      for (const c of channels) {
        const enabled = h("input", { type: "checkbox", checked: c.enabled, "aria-label": `Enable ${c.name}` });
        enabled.addEventListener("change", async () => {
          await api("PUT", `/api/channels/${c.id}`, { enabled: enabled.checked });
          toast(`${c.name} ${enabled.checked ? "enabled" : "disabled"}`);
        });
        const filters = [c.services.length ? `services: ${c.services.join(", ")}` : "", c.signatures.length ? `signatures: ${c.signatures.join(", ")}` : "",
          c.accounts.length ? `accounts: ${c.accounts.join(", ")}` : ""].filter(Boolean).join("; ");
        append(body, h("tr", { "data-testid": "channel-row" },
          h("td", {}, c.name), h("td", {}, c.type), h("td", { class: "mono small" }, c.type === "email" ? (c.to || []).join(", ") : c.urlHint || ""),
          h("td", {}, `${c.minLevel}+`), h("td", {}, c.notifyFixed ? "yes" : "no"), h("td", { class: "small" }, filters || "all"), h("td", {}, enabled),
          h("td", { class: "actions" },
            h("button", { class: "small secondary", "data-testid": "test-channel", onclick: async () => {
              const d = await api<Delivery>("POST", `/api/channels/${c.id}/test`);
              toast(d.status === "sent" ? `Test message sent to ${c.name}` : `Test message to ${c.name} failed: ${d.error}`, d.status === "sent" ? "ok" : "error");
              loadDeliveries();
            } }, "Send test"),
            h("button", { class: "small danger", onclick: async () => {
              if (!(await confirmDialog(`Remove ${c.name}?`, "It will no longer be told about risks.", "Remove"))) return;
              await api("DELETE", `/api/channels/${c.id}`);
              load();
            } }, "Remove"))));
      }
      append(list, h("table", { "data-testid": "channels-table" }, h("thead", {}, h("tr", {},
        ...["Name", "Type", "Where", "Level", "Fixed", "Filters", "Enabled", ""].map((t) => h("th", {}, t)))), body));
      if (page.total > page.limit) append(list, pager(page, (to) => { offset = to; load(); }, "channels-pager"));
    }
  }

  async function loadDeliveries() {
    const page = await api<Paged<Delivery>>("GET", `/api/deliveries?offset=${deliveriesOffset}&limit=20`);
    const records = page.items;
    clear(deliveries);
    if (!page.total) {
      append(deliveries, h("p", { class: "empty" }, "Nothing sent yet."));
      return;
    }
    append(deliveries, h("table", { "data-testid": "deliveries-table" },
      h("thead", {}, h("tr", {}, ...["When", "Channel", "What", "New", "Fixed", "Status", "Tries", "Error"].map((t) => h("th", {}, t)))),
      h("tbody", {}, ...records.map((d) => h("tr", { "data-status": d.status },
        h("td", {}, formatTime(d.at)), h("td", {}, d.channelName), h("td", {}, d.kind === "test" ? "test message" : `scan #${d.scanId}`),
        h("td", {}, d.newCount), h("td", {}, d.fixedCount), h("td", {}, h("span", { class: `badge status-${d.status === "sent" ? "pass" : "fail"}` }, d.status)),
        h("td", {}, d.attempts), h("td", { class: "small" }, d.error || ""))))));
    if (page.total > page.limit) append(deliveries, pager(page, (to) => { deliveriesOffset = to; loadDeliveries(); }, "deliveries-pager"));
  }

  const type = select("type", ["webhook", "slack", "email"]);
  const notifyFixed = h("input", { type: "checkbox", name: "notifyFixed", "data-field": "notifyFixed" });
  const { form } = fieldForm([
    ["name", "Name", input("name", "security team")],
    ["type", "Type", type],
    ["minLevel", "Minimum risk level", select("minLevel", ["High", "Medium", "Low"])],
    ["notifyFixed", "Also tell fixed risks", notifyFixed],
    ["url", "URL (kept encrypted)", input("url", "https://hooks.example.com/...", "password")],
    ["signingSecret", "Signing secret (HMAC, optional)", input("signingSecret", "", "password")],
    ["smtpUrl", "SMTP server", input("smtpUrl", "smtp://mail.example.com:587")],
    ["starttls", "STARTTLS", select("starttls", ["required", "try", "off"])],
    ["from", "From", input("from", "signet@example.com")],
    ["to", "To (comma-separated)", input("to", "security@example.com")],
    ["smtpUser", "SMTP user", input("smtpUser")],
    ["password", "SMTP password (kept encrypted)", input("password", "", "password")],
    ["services", "Only services", input("services", "all; e.g. IAM, S3")],
    ["signatures", "Only signatures", input("signatures", "all; e.g. AWS-IAM-005")],
    ["accounts", "Only accounts", input("accounts", "all; AWS profile names")],
  ], "Add channel", async (values) => {
    await api("POST", "/api/channels", values);
    toast("Channel added");
    load();
    showFor("webhook");
  });
  const byType: Record<string, string[]> = { webhook: ["url", "signingSecret"], slack: ["url"], email: ["smtpUrl", "starttls", "from", "to", "smtpUser", "password"] };
  const showFor = (t: string) => {
    for (const name of ["url", "signingSecret", "smtpUrl", "starttls", "from", "to", "smtpUser", "password"])
      form.querySelector(`.field-${name}`)!.classList.toggle("hidden", !byType[t].includes(name));
  };
  type.addEventListener("change", () => showFor(type.value));
  showFor("webhook");

  load().catch((e) => toast(String(e), "error"));
  loadDeliveries().catch((e) => toast(String(e), "error"));
  return h("div", {},
    h("div", { class: "card" }, h("h3", {}, "Notification channels"),
      h("p", { class: "muted" }, "After each scan, every channel is told once about the risks that are new since the previous scan (and, if asked, the ones fixed) at or above its level. Secrets are stored encrypted and never shown again."),
      list, h("h4", {}, "Add a channel"), form),
    h("div", { class: "card" }, h("h3", {}, "Deliveries"), deliveries));
}

export function schedulesSection(): HTMLElement {
  const list = h("div", { class: "table-wrap" });
  let offset = 0;
  async function load() {
    const page = await api<Paged<Schedule>>("GET", `/api/schedules?offset=${offset}&limit=50`);
    const schedules = page.items;
    clear(list);
    if (!page.total) {
      append(list, h("p", { class: "empty" }, "No scheduled scans: scans run when someone starts them."));
      return;
    }
    append(list, h("table", { "data-testid": "schedules-table" },
      h("thead", {}, h("tr", {}, ...["Name", "Account", "When (UTC)", "Regions", "Next run", "Last run", "Last status", "Enabled", ""].map((t) => h("th", {}, t)))),
      h("tbody", {}, ...schedules.map((s) => {
        const enabled = h("input", { type: "checkbox", checked: s.enabled, "aria-label": `Enable ${s.name}` });
        enabled.addEventListener("change", async () => {
          await api("PUT", `/api/schedules/${s.id}`, { enabled: enabled.checked });
          load();
        });
        return h("tr", { "data-testid": "schedule-row" },
          h("td", {}, s.name), h("td", {}, s.account || "(default)"), h("td", { class: "mono" }, s.every ? `every ${s.every}` : s.cron),
          h("td", {}, s.regions.join(", ") || "default"), h("td", {}, formatTime(s.nextRunAt)), h("td", {}, formatTime(s.lastRunAt)),
          h("td", {}, s.lastScanId ? h("a", { href: `#/risks?scan=${s.lastScanId}` }, s.lastStatus) : s.lastStatus), h("td", {}, enabled),
          h("td", {}, h("button", { class: "small danger", onclick: async () => {
            if (!(await confirmDialog(`Remove ${s.name}?`, "Its scans will no longer run.", "Remove"))) return;
            await api("DELETE", `/api/schedules/${s.id}`);
            load();
          } }, "Remove")));
      }))));
    if (page.total > page.limit) append(list, pager(page, (to) => { offset = to; load(); }, "schedules-pager"));
  }
  const { form } = fieldForm([
    ["name", "Name", input("name", "nightly")],
    ["every", "Every (interval)", input("every", "6h, 30m, 1d")],
    ["cron", "Or cron (UTC)", input("cron", "0 3 * * *")],
    ["account", "Account (AWS profile)", input("account", "default")],
    ["regions", "Regions", input("regions", "default; e.g. us-east-1, eu-west-1")],
  ], "Add schedule", async (values) => {
    await api("POST", "/api/schedules", values);
    toast("Schedule added");
    load();
  });
  load().catch((e) => toast(String(e), "error"));
  return h("div", { class: "card" }, h("h3", {}, "Scheduled scans"),
    h("p", { class: "muted" }, "signet serve runs each schedule when due, never two scans of one account at once; after downtime it runs one scan, not one per missed run."),
    list, h("h4", {}, "Add a schedule"), form);
}
