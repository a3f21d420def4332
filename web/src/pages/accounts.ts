// The Accounts page: stored accounts and organization sources (admin), with Test, Members
// and Scan now (editors and admins).
import { api, ApiError, catalog, type Catalog } from "../api";
import { append, clear, confirmDialog, formatTime, h, pager, toast, type Paged } from "../dom";
import type { Context } from "../main";

interface Access {
  profile: string;
  roleArn: string;
  externalId: string;
  sessionName: string;
  durationSeconds: number;
}

interface Account {
  id: number;
  name: string;
  provider: string;
  accountId: string;
  access?: Access;  // AWS's; an Azure subscription is reached with the scanner's Azure credentials
  regions: string[];
  enabled: boolean;
  maxRequestsPerSecond: number;
  maxServiceRequestsPerSecond: number;
}

interface Filters {
  ous: string[];
  accounts: string[];
  tags: string[];
}

interface Organization {
  id: number;
  name: string;
  provider: string;
  management?: Access;  // AWS Organizations'; an Azure tenant's subscriptions need none
  memberRoleName?: string;
  memberExternalId?: string;
  include: Filters;
  exclude: Filters;
  regions: string[];
  enabled: boolean;
  maxRequestsPerSecond: number;
  maxServiceRequestsPerSecond: number;
}

interface AccessReport {
  reached: boolean;
  error: string;
  accountId: string;
  identity: string; // who, in the provider's words: "account 1234... as arn:aws:iam::...", "subscription ... (Prod)"
  credentials: string;
  regions: string[];
  probed: number;
  refused: string[];
}

interface Member {
  id: string;
  name: string;
  email: string;
  status: string;
  parents: string[];
  tags: Record<string, string>;
  management: boolean;
  scanned: boolean;
}

// A field of a record form: its API path ("access.roleArn"), label and kind; `options` for a
// choice (or `choices`, filled when the catalog comes); `ownAccessOnly` for what only records
// with access settings of their own have (an AWS account's; an Azure subscription or a Google
// Cloud project is reached with the scanner's own credentials).
type Kind = "text" | "list" | "number" | "checkbox" | "choice";
interface FieldSpec {
  path: string;
  label: string;
  kind?: Kind;
  placeholder?: string;
  options?: [string, string][];
  choices?: () => Promise<[string, string][]>;
  ownAccessOnly?: boolean;
}

// The providers, with their words for a scope and a source (from /api/catalog).
const providerSpec = (word: "scope" | "source"): FieldSpec => ({ path: "provider", label: "Cloud", kind: "choice",
  choices: async () => (await catalog()).providers.map((p): [string, string] => [p.name, p[word]]) });
const hasOwnAccess = async (provider: string) => (await catalog()).providers.find((p) => p.name === provider)?.ownAccess ?? true;

const getPath = (o: any, path: string) => path.split(".").reduce((v, k) => (v == null ? undefined : v[k]), o);
function setPath(o: any, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = o;
  for (const k of keys.slice(0, -1)) at = at[k] ??= {};
  at[keys[keys.length - 1]] = value;
}
const splitList = (text: string) => text.split(",").map((t) => t.trim()).filter(Boolean);

// A form for one kind of record, to add one or (after edit(record)) change it; the 422
// answer's field errors are shown beside their inputs.
function recordForm<T extends { id: number }>(testid: string, specs: FieldSpec[], what: string, save: (body: any, editing: T | null) => Promise<void>) {
  const inputs: Record<string, HTMLInputElement | HTMLSelectElement> = {};
  const errors: Record<string, HTMLElement> = {};
  const fields: Record<string, HTMLElement> = {};
  const form = h("form", { class: "grid-form", "data-testid": testid });
  const title = h("h4", {}, `Add ${what}`);
  for (const spec of specs) {
    const kind = spec.kind || "text";
    const input = kind === "choice"
      ? h("select", { name: spec.path, "data-field": spec.path }, ...(spec.options || []).map(([value, label]) => h("option", { value }, label)))
      : h("input", { name: spec.path, "data-field": spec.path, placeholder: spec.placeholder || "",
          type: kind === "checkbox" ? "checkbox" : kind === "number" ? "number" : "text", step: kind === "number" ? "any" : null, min: kind === "number" ? 0 : null });
    inputs[spec.path] = input;
    errors[spec.path] = h("span", { class: "field-error", "data-field-error": spec.path });
    fields[spec.path] = h("label", { class: "field" }, h("span", { class: "label" }, spec.label), input, errors[spec.path]);
    append(form, fields[spec.path]);
  }
  // Choices from the catalog, once it comes.
  for (const spec of specs)
    if (spec.choices) spec.choices().then((choices) => append(inputs[spec.path], ...choices.map(([value, label]) => h("option", { value }, label))));
  // Access settings show only for a provider whose records have their own.
  const showProviderFields = async () => {
    const own = !inputs.provider || (await hasOwnAccess(inputs.provider.value));
    for (const spec of specs) if (spec.ownAccessOnly) fields[spec.path].classList.toggle("hidden", !own);
  };
  inputs.provider?.addEventListener("change", showProviderFields);
  const general = h("p", { class: "error", "data-testid": `${testid}-error` });
  const submit = h("button", { type: "submit" }, `Add ${what}`);
  const cancel = h("button", { type: "button", class: "secondary hidden", onclick: () => reset() }, "Cancel");
  append(form, h("div", { class: "actions" }, submit, " ", cancel), general);
  let editing: T | null = null;
  const clearErrors = () => {
    for (const el of Object.values(errors)) el.textContent = "";
    for (const el of Object.values(inputs)) el.classList.remove("invalid");
    general.textContent = "";
  };
  const reset = () => {
    editing = null;
    form.reset();
    for (const spec of specs) if (spec.kind === "checkbox") (inputs[spec.path] as HTMLInputElement).checked = true;
    showProviderFields();
    clearErrors();
    title.textContent = `Add ${what}`;
    submit.textContent = `Add ${what}`;
    cancel.classList.add("hidden");
  };
  const edit = (record: T) => {
    reset();
    editing = record;
    for (const spec of specs) {
      const value = getPath(record, spec.path);
      const input = inputs[spec.path];
      if (spec.kind === "checkbox") (input as HTMLInputElement).checked = Boolean(value);
      else if (spec.kind === "list") input.value = (value || []).join(", ");
      else if (spec.kind === "number") input.value = value ? String(value) : "";
      else input.value = value ?? "";
    }
    showProviderFields();
    title.textContent = `Change ${getPath(record, "name")}`;
    submit.textContent = "Save changes";
    cancel.classList.remove("hidden");
    form.scrollIntoView({ block: "nearest" });
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors();
    const body: any = {};
    const ownAccess = !inputs.provider || (await hasOwnAccess(inputs.provider.value));
    for (const spec of specs) {
      const input = inputs[spec.path];
      if (spec.ownAccessOnly && !ownAccess) continue;
      if (spec.kind === "checkbox") setPath(body, spec.path, (input as HTMLInputElement).checked);
      else if (spec.kind === "list") setPath(body, spec.path, splitList(input.value));
      else if (spec.kind === "number") setPath(body, spec.path, input.value === "" ? 0 : Number(input.value));
      else setPath(body, spec.path, input.value.trim());
    }
    try {
      await save(body, editing);
      reset();
    } catch (err) {
      if (err instanceof ApiError) {
        for (const [name, message] of Object.entries(err.body.fields)) {
          if (errors[name]) {
            errors[name].textContent = message;
            inputs[name].classList.add("invalid");
          } else general.textContent += `${name}: ${message} `;
        }
        if (!Object.keys(err.body.fields).length) general.textContent = err.message;
      } else general.textContent = String(err);
    }
  });
  reset();
  return { element: h("div", {}, title, form), edit };
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const accessSpecs = (prefix: string, who: string): FieldSpec[] => ([
  { path: `${prefix}.profile`, label: `${who}AWS profile`, placeholder: "default credential chain" },
  { path: `${prefix}.roleArn`, label: `${who}role to assume (ARN)`, placeholder: "arn:aws:iam::123456789012:role/SignetScanner" },
  { path: `${prefix}.externalId`, label: `${who}external id`, placeholder: "optional" },
  { path: `${prefix}.sessionName`, label: `${who}session name`, placeholder: "signet" },
  { path: `${prefix}.durationSeconds`, label: `${who}session length (s)`, kind: "number", placeholder: "default" },
] as FieldSpec[]).map((spec) => ({ ...spec, label: cap(spec.label), ownAccessOnly: true }));
const capSpecs: FieldSpec[] = [
  { path: "regions", label: "Regions (comma-separated)", kind: "list", placeholder: "the Settings' regions" },
  { path: "maxRequestsPerSecond", label: "Most requests a second (0: no cap)", kind: "number", placeholder: "0" },
  { path: "maxServiceRequestsPerSecond", label: "Most a second to one service", kind: "number", placeholder: "0" },
  { path: "enabled", label: "Enabled (scanned with all)", kind: "checkbox" },
];

// A record's access settings; none: the scanner's own credentials of its provider.
function accessText(a: Access | undefined, provider: string, known: Catalog): string {
  if (!a) return `the scanner's ${known.providers.find((p) => p.name === provider)?.title ?? provider} credentials`;
  const parts = [a.profile ? `profile ${a.profile}` : "", a.roleArn ? `assumes ${a.roleArn}` : "", a.externalId ? "external id set" : ""].filter(Boolean);
  return parts.join(", ") || "default credentials";
}

function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  const fields = Object.entries(e.body.fields).map(([k, v]) => `${k}: ${v}`).join("; ");
  return fields ? `${e.message}: ${fields}` : e.message;
}

// `selection` is what POST /api/scans knows: a stored account's or organization's name, an
// account id or an OU id (a scanned member's name is not one).
function scanButton(selection: string, name = selection): HTMLButtonElement {
  const button = h("button", { class: "small secondary", "data-testid": "scan-now", onclick: async () => {
    button.disabled = true;
    try {
      await api("POST", "/api/scans", { accounts: [selection] });
      toast(`Scan of ${name} started: follow it on the Scans page`);
    } catch (e) {
      toast(errorText(e), "error");
    } finally {
      button.disabled = false;
    }
  } }, "Scan now");
  return button;
}

function testResult(r: AccessReport): HTMLElement {
  if (!r.reached)
    return h("div", { class: "test-result fail", "data-testid": "test-result", "data-reached": "false" }, h("b", {}, "Not reached: "), r.error || "no answer");
  return h("div", { class: "test-result", "data-testid": "test-result", "data-reached": "true" },
    h("div", {}, h("b", {}, "Reached "), h("span", { class: "mono", "data-testid": "test-identity" }, r.identity)),
    r.credentials ? h("div", { class: "small" }, `Credentials: ${r.credentials}`) : null,
    r.regions.length ? h("div", { class: "small" }, `${r.regions.length} region(s): ${r.regions.join(", ")}`) : null,
    h("div", { class: "small" }, r.refused.length
      ? [`Refused ${r.refused.length} of ${r.probed} listing calls: `, r.refused.join(", ")].join("")
      : `All ${r.probed} listing calls allowed.`));
}

function accountsSection(): HTMLElement {
  const list = h("div", { class: "table-wrap" });
  const form = recordForm<Account>("account-form", [
    { path: "name", label: "Name", placeholder: "production" },
    providerSpec("scope"),
    { path: "accountId", label: "Id (of the account, subscription or project)", placeholder: "an AWS account's: learned at the first test" },
    ...accessSpecs("access", ""),
    ...capSpecs,
  ], "account", async (body, editing) => {
    if (editing) await api("PUT", `/api/accounts/${editing.id}`, body);
    else await api("POST", "/api/accounts", body);
    toast(editing ? `${body.name} saved` : `Account ${body.name} added`);
    load();
  });

  let offset = 0;
  async function load() {
    const [page, known] = await Promise.all([api<Paged<Account>>("GET", `/api/accounts?offset=${offset}&limit=50`), catalog()]);
    const accounts = page.items;
    clear(list);
    if (!page.total) {
      append(list, h("p", { class: "empty" }, "No stored account: organizations below, or the default credentials, are scanned."));
      return;
    }
    const body = h("tbody");
    for (const a of accounts) {
      const result = h("td", { colspan: 6 });
      const idCell = h("td", { class: "mono" }, a.accountId || h("span", { class: "muted" }, "not yet known"));
      const resultRow = h("tr", { class: "hidden", "data-testid": "test-row" }, result);
      const test = h("button", { class: "small secondary", "data-testid": "test-account", onclick: async () => {
        test.disabled = true;
        resultRow.classList.remove("hidden");
        clear(result);
        append(result, h("span", { class: "muted" }, `Testing ${a.name}…`));
        try {
          const r = await api<AccessReport>("POST", `/api/accounts/${a.id}/test`, {});
          clear(result);
          append(result, testResult(r));
          if (r.reached && !a.accountId) idCell.textContent = r.accountId; // the server keeps what it learnt
        } catch (e) {
          clear(result);
          append(result, h("div", { class: "test-result fail", "data-testid": "test-result", "data-reached": "false" }, errorText(e)));
        } finally {
          test.disabled = false;
        }
      } }, "Test");
      append(body,
        h("tr", { "data-testid": "account-row", "data-name": a.name },
          h("td", {}, a.name), idCell,
          h("td", { class: "small" }, accessText(a.access, a.provider, known)), h("td", {}, a.regions.join(", ") || "default"), h("td", {}, a.enabled ? "yes" : "no"),
          h("td", { class: "actions" }, test, scanButton(a.name),
            h("button", { class: "small secondary", "data-testid": "edit-account", onclick: () => form.edit(a) }, "Edit"),
            h("button", { class: "small danger", "data-testid": "remove-account", onclick: async () => {
              if (!(await confirmDialog(`Remove ${a.name}?`, "It will no longer be scanned; its past scans stay.", "Remove"))) return;
              await api("DELETE", `/api/accounts/${a.id}`);
              toast(`${a.name} removed`);
              load();
            } }, "Remove"))),
        resultRow);
    }
    append(list, h("table", { "data-testid": "accounts-table" },
      h("thead", {}, h("tr", {}, ...["Name", "Account id", "Access", "Regions", "Enabled", ""].map((t) => h("th", {}, t)))), body));
    if (page.total > page.limit) append(list, pager(page, (to) => { offset = to; load(); }, "accounts-pager"));
  }
  load().catch((e) => append(list, h("p", { class: "error" }, errorText(e))));
  return h("div", { class: "card" }, h("h3", {}, "Accounts"),
    h("p", { class: "muted" }, "Each account is reached with its access: an AWS profile, a role to assume, or the default credential chain. Test says who the credentials are and which listing calls they may not make."),
    list, form.element);
}

function organizationsSection(): HTMLElement {
  const list = h("div", { class: "table-wrap" });
  const members = h("div", { class: "hidden", "data-testid": "members" });
  const form = recordForm<Organization>("organization-form", [
    { path: "name", label: "Name", placeholder: "acme" },
    providerSpec("source"),
    ...accessSpecs("management", "Management account: "),
    { path: "memberRoleName", label: "Role assumed in members", placeholder: "OrganizationAccountAccessRole", ownAccessOnly: true },
    { path: "memberExternalId", label: "Members' external id", placeholder: "optional", ownAccessOnly: true },
    { path: "include.ous", label: "Only OUs or folders (ids, comma-separated)", kind: "list", placeholder: "all; e.g. ou-ab12-11111111, folders/123" },
    { path: "include.accounts", label: "Only accounts (ids)", kind: "list", placeholder: "all" },
    { path: "include.tags", label: "Only tagged (key=value)", kind: "list", placeholder: "all; e.g. env=prod" },
    { path: "exclude.ous", label: "Except OUs", kind: "list", placeholder: "none" },
    { path: "exclude.accounts", label: "Except accounts", kind: "list", placeholder: "none" },
    { path: "exclude.tags", label: "Except tagged", kind: "list", placeholder: "none" },
    ...capSpecs,
  ], "organization", async (body, editing) => {
    if (editing) await api("PUT", `/api/organizations/${editing.id}`, body);
    else await api("POST", "/api/organizations", body);
    toast(editing ? `${body.name} saved` : `Organization ${body.name} added`);
    load();
  });

  async function showMembers(o: Organization) {
    members.classList.remove("hidden");
    clear(members);
    append(members, h("h4", {}, `Members of ${o.name}`), h("p", { class: "muted" }, "Listing the members…"));
    try {
      const answer = await api<{ members: Member[]; skipped: string[] }>("GET", `/api/organizations/${o.id}/members`);
      clear(members);
      append(members, h("div", { class: "toolbar" }, h("h4", {}, `Members of ${o.name}`), h("div", { class: "spacer" }),
        h("button", { class: "link", onclick: () => members.classList.add("hidden") }, "Close ✕")));
      append(members, h("table", { "data-testid": "members-table" },
        h("thead", {}, h("tr", {}, ...["Name", "Account id", "Email", "Status", "OU path", "Tags", "Scanned"].map((t) => h("th", {}, t)))),
        h("tbody", {}, ...answer.members.map((m) => h("tr", { "data-testid": "member-row", "data-management": String(m.management), "data-scanned": String(m.scanned) },
          h("td", {}, m.name, m.management ? h("span", { class: "badge risk-open", style: "margin-left:6px" }, "management") : null),
          h("td", { class: "mono" }, m.id), h("td", {}, m.email), h("td", {}, m.status),
          h("td", { class: "mono small" }, m.parents.join(" / ")),
          h("td", { class: "small" }, Object.entries(m.tags).map(([k, v]) => `${k}=${v}`).join(", ")),
          h("td", { "data-testid": "member-scanned" }, m.scanned ? "yes" : "no"))))));
      if (answer.skipped.length)
        append(members, h("h4", {}, "Not scanned"), h("ul", { "data-testid": "skipped" }, ...answer.skipped.map((s) => h("li", {}, s))));
    } catch (e) {
      clear(members);
      append(members, h("h4", {}, `Members of ${o.name}`), h("p", { class: "error" }, errorText(e)));
    }
  }

  let offset = 0;
  async function load() {
    const [page, known] = await Promise.all([api<Paged<Organization>>("GET", `/api/organizations?offset=${offset}&limit=50`), catalog()]);
    const organizations = page.items;
    clear(list);
    if (!page.total) {
      append(list, h("p", { class: "empty" }, "No organization: add one to scan its member accounts."));
      return;
    }
    const filters = (o: Organization) => {
      const side = (word: string, f: Filters) => [f.ous.length ? `OUs ${f.ous.join(", ")}` : "", f.accounts.length ? `accounts ${f.accounts.join(", ")}` : "",
        f.tags.length ? `tags ${f.tags.join(", ")}` : ""].filter(Boolean).map((t) => `${word} ${t}`);
      return [...side("only", o.include), ...side("except", o.exclude)].join("; ") || "every member";
    };
    append(list, h("table", { "data-testid": "organizations-table" },
      h("thead", {}, h("tr", {}, ...["Name", "Management access", "Member role", "Members scanned", "Regions", "Enabled", ""].map((t) => h("th", {}, t)))),
      h("tbody", {}, ...organizations.map((o) => h("tr", { "data-testid": "organization-row", "data-name": o.name },
        h("td", {}, o.name), h("td", { class: "small" }, accessText(o.management, o.provider, known)), h("td", { class: "mono small" }, o.memberRoleName),
        h("td", { class: "small" }, filters(o)), h("td", {}, o.regions.join(", ") || "default"), h("td", {}, o.enabled ? "yes" : "no"),
        h("td", { class: "actions" },
          h("button", { class: "small secondary", "data-testid": "show-members", onclick: () => showMembers(o) }, "Members"),
          scanButton(o.name),
          h("button", { class: "small secondary", onclick: () => form.edit(o) }, "Edit"),
          h("button", { class: "small danger", onclick: async () => {
            if (!(await confirmDialog(`Remove ${o.name}?`, "Its members will no longer be scanned; their past scans stay.", "Remove"))) return;
            await api("DELETE", `/api/organizations/${o.id}`);
            members.classList.add("hidden");
            load();
          } }, "Remove")))))));
    if (page.total > page.limit) append(list, pager(page, (to) => { offset = to; load(); }, "organizations-pager"));
  }
  load().catch((e) => append(list, h("p", { class: "error" }, errorText(e))));
  return h("div", { class: "card" }, h("h3", {}, "Organizations"),
    h("p", { class: "muted" }, "An AWS organization is a source of accounts: its members are listed through the management account's access and each is reached by assuming the member role."),
    list, members, form.element);
}

// Editors (who may not read the stored accounts) see the scanned accounts, to scan one now.
function scannedAccountsSection(ctx: Context): HTMLElement {
  const list = h("div", { class: "table-wrap" });
  api<{ accounts: { key: string; name: string; id: string; scanId: number; finishedAt: string }[] }>("GET", "/api/risks?status=fixed")
    .then((answer) => {
      if (!answer.accounts.length) return append(list, h("p", { class: "empty" }, "No account scanned yet."));
      append(list, h("table", { "data-testid": "scanned-accounts-table" },
        h("thead", {}, h("tr", {}, ...["Account", "Account id", "Last scan", ""].map((t) => h("th", {}, t)))),
        h("tbody", {}, ...answer.accounts.map((a) => h("tr", {}, h("td", {}, a.name), h("td", { class: "mono" }, a.id),
          h("td", {}, h("a", { href: `#/risks?scan=${a.scanId}` }, `#${a.scanId}`), " ", formatTime(a.finishedAt)),
          h("td", {}, ctx.canEdit ? scanButton(a.id || a.key, a.name) : null))))));
    })
    .catch((e) => append(list, h("p", { class: "error" }, errorText(e))));
  return h("div", { class: "card" }, h("h3", {}, "Scanned accounts"), list);
}

export function accountsPage(ctx: Context): { element: HTMLElement } {
  const element = h("section", { class: "accounts" }, h("h2", {}, "Accounts"),
    ...(ctx.isAdmin ? [accountsSection(), organizationsSection()] : [scannedAccountsSection(ctx)]));
  return { element };
}
