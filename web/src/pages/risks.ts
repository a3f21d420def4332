import { api, Signature } from "../api";
import { append, clear, formatTime, h, levelBadge, pager } from "../dom";
import type { Context } from "../main";
import { Overview, overviewCharts } from "./overview";

interface Risk {
  signatureId: string;
  description: string;
  riskLevel: string;
  service: string;
  region: string;
  vpc: string | null;
  resourceId: string;
  resourceName: string;
  resourceArn: string | null;
  message: string;
  risk: "new" | "open" | "fixed" | "muted";
  remediationSteps: string;
  compliance: string[];
  accountId?: string | null;
  accountName?: string | null;
  mutedBy?: { ruleId: number; reason: string; author: string; expires: string } | null; // risk "muted"
}

interface AccountEntry {
  key: string;
  name: string;
  id: string;
  scanId: number;
  finishedAt: string;
}

interface SignatureGroup {
  key: string; // the signature id
  count: number;
  riskLevel: string;
  description?: string;
}

// One page of the risks (the server filters, sorts and pages them), and what it counts.
interface RisksAnswer {
  scan: { id: number; finishedAt: string; accountName?: string; accountId?: string } | null;
  scans?: { id: number; finishedAt: string; accountName?: string; accountId?: string }[];
  account?: string | null;
  accounts: AccountEntry[];
  counts: Record<string, number>;
  muted?: number; // Muted results (not in counts); listed only with muted=1
  items: Risk[];
  total: number;
  offset: number;
  limit: number;
  groups?: SignatureGroup[]; // with group=signature
}

// The status badge, in words: "Muted" is said, not only coloured.
function riskBadge(risk: string): HTMLElement {
  return h("span", { class: `badge risk-${risk}`, "data-testid": risk === "muted" ? "muted-badge" : null }, risk === "muted" ? "Muted" : risk);
}

// What muted a Muted result: the rule's reason, author and expiry, and a link to it.
function mutedBox(r: Risk): HTMLElement | null {
  if (r.risk !== "muted") return null;
  const m = r.mutedBy;
  if (!m) return h("div", { class: "muted-by", "data-testid": "muted-by" }, "Muted by a Mutelist rule ", h("a", { href: "#/mutelist" }, "(Mutelist)"));
  return h("div", { class: "muted-by", "data-testid": "muted-by" },
    h("b", {}, "Muted "), "by ", h("a", { href: `#/mutelist?rule=${m.ruleId}`, "data-testid": "muted-rule-link" }, `Mutelist rule #${m.ruleId}`),
    h("dl", {},
      h("dt", {}, "Reason"), h("dd", { class: "markdown", "data-testid": "muted-reason" }, m.reason),
      h("dt", {}, "Author"), h("dd", { "data-testid": "muted-author" }, m.author || "-"),
      h("dt", {}, "Expires"), h("dd", { "data-testid": "muted-expires" }, m.expires || "never")));
}

// The Mutelist form, filled in with this result's account id, signature and resource.
function muteLink(r: Risk): string {
  const q = new URLSearchParams();
  const account = r.accountId || r.accountName || "";
  if (account) q.set("account", account);
  q.set("signature", r.signatureId);
  const resource = r.resourceArn || r.resourceName || r.resourceId;
  if (resource) q.set("resource", resource);
  return `#/mutelist?${q}`;
}

export function tabs(current: "risks" | "signatures"): HTMLElement {
  return h("div", { class: "tabs" },
    h("a", { href: "#/risks", class: current === "risks" ? "active" : "" }, "Risks"),
    h("a", { href: "#/signatures", class: current === "signatures" ? "active" : "", "data-testid": "custom-signatures-tab" }, "Custom Signatures"));
}

export function risksPage(ctx: Context): { element: HTMLElement } {
  const filters = {
    level: ctx.params.get("level") || "",
    service: ctx.params.get("service") || "",
    region: ctx.params.get("region") || "",
    status: ctx.params.get("status") || "",
    q: ctx.params.get("q") || "",
    signature: ctx.params.get("signature") || "", // from links in notifications
  };
  let scanId = ctx.params.get("scan") || "";
  let showMuted = ctx.params.get("muted") === "1";
  let offset = Number(ctx.params.get("offset") || 0) || 0;
  // Grouped: one line per signature with how many resources fail it; a line opens its risks.
  let grouped = ctx.params.get("group") === "signature";
  const groupToggle = h("input", { type: "checkbox", "data-testid": "group-by-signature", checked: grouped, onchange: () => {
    grouped = groupToggle.checked;
    offset = 0;
    load();
  } });
  const groupFilter = h("label", { class: "toggle", title: "One line per signature, with how many resources fail it" }, groupToggle, " Group by signature");
  const mutedToggle = h("input", { type: "checkbox", "data-testid": "show-muted", checked: showMuted, onchange: () => {
    showMuted = mutedToggle.checked;
    offset = 0;
    load();
  } });
  const mutedLabel = h("span", { "data-testid": "show-muted-label" }, "Show muted");
  const mutedFilter = h("label", { class: "toggle", title: "Results a Mutelist rule accepts: not counted as risks" }, mutedToggle, " ", mutedLabel);
  // The account shown: none for every account's latest scan (the estate); a name, id or key.
  let account: string = ctx.params.get("account") || "";
  const accountLabel = (a: { name: string; id: string }) => (a.id && a.id !== a.name ? `${a.name} (${a.id})` : a.name || "default account");
  const accountSelect = h("select", { "aria-label": "Account", "data-testid": "account-filter", class: "hidden", onchange: () => {
    account = accountSelect.value;
    scanId = ""; // an account's latest scan, not the one a link named
    keepInUrl();
    load();
    loadOverview();
  } }, h("option", { value: "" }, "All accounts"));
  const overview = h("div", { class: "overview-wrap" });
  const counts = h("div", { class: "counts" });
  const table = h("div", { class: "table-wrap" });
  const detail = h("aside", { class: "detail card hidden", "data-testid": "risk-detail" });
  const heading = h("p", { class: "muted", "data-testid": "risks-heading" });
  const select = (name: keyof typeof filters, label: string, options: string[]) => {
    const el = h("select", { name, "aria-label": label, onchange: () => ((filters[name] = el.value), (offset = 0), load()) },
      h("option", { value: "" }, label), ...options.map((o) => h("option", { value: o }, o)));
    el.value = filters[name];
    return el;
  };
  const levelSelect = select("level", "All levels", ["High", "Medium", "Low"]);
  const statusSelect = select("status", "New and open", ["new", "open", "fixed"]);
  const serviceSelect = select("service", "All services", []);
  const regionSelect = select("region", "All regions", []);
  const search = h("input", { type: "search", placeholder: "Find in description, resource, message", value: filters.q });
  search.addEventListener("input", () => {
    filters.q = search.value;
    offset = 0;
    load();
  });
  // The filters stay in the address (links, reloads) without leaving the page.
  function keepInUrl() {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
    if (scanId) query.set("scan", scanId);
    else if (account) query.set("account", account);
    if (showMuted) query.set("muted", "1");
    if (grouped) query.set("group", "signature");
    if (offset) query.set("offset", String(offset));
    const hash = `#/risks${query.toString() ? "?" + query : ""}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }
  let overviewSeq = 0;
  async function loadOverview() {
    const mine = ++overviewSeq;
    try {
      const o = await api<Overview>("GET", `/api/overview${account ? `?account=${encodeURIComponent(account)}` : ""}`);
      if (mine !== overviewSeq) return;
      clear(overview);
      append(overview, overviewCharts(o));
    } catch (e) {
      if (mine !== overviewSeq) return;
      clear(overview);
      append(overview, h("p", { class: "error" }, `The overview did not load: ${(e as Error).message}`));
    }
  }
  let known = { services: new Set<string>(), regions: new Set<string>() };

  async function showDetail(r: Risk) {
    detail.classList.remove("hidden");
    clear(detail);
    append(detail,
      h("button", { class: "link close", onclick: () => detail.classList.add("hidden") }, "Close ✕"),
      h("h3", {}, r.description), h("p", {}, levelBadge(r.riskLevel), " ", riskBadge(r.risk), " ", r.signatureId),
      mutedBox(r),
      ctx.canEdit && r.risk !== "muted" ? h("p", {}, h("a", { class: "button small secondary", "data-testid": "mute-risk", href: muteLink(r),
        title: "Add a Mutelist rule for this account, signature and resource" }, "Mute…")) : null,
      h("dl", {},
        r.accountName || r.accountId ? h("dt", {}, "Account") : null,
        r.accountName || r.accountId ? h("dd", { "data-testid": "risk-account" }, accountLabel({ name: r.accountName || "", id: r.accountId || "" })) : null,
        h("dt", {}, "Resource"), h("dd", {}, r.resourceName || r.resourceId),
        h("dt", {}, "ARN"), h("dd", { class: "mono" }, r.resourceArn || "-"),
        h("dt", {}, "Service / region / VPC"), h("dd", {}, `${r.service} / ${r.region || "-"} / ${r.vpc || "-"}`),
        h("dt", {}, "Message"), h("dd", {}, r.message),
        r.compliance && r.compliance.length ? h("dt", {}, "Compliance") : null,
        r.compliance && r.compliance.length ? h("dd", {}, r.compliance.join(", ")) : null));
    const why = h("div", { class: "markdown", "data-testid": "page-detail" });
    append(detail, h("h4", {}, "Why it matters"), why, h("h4", {}, "Remediation steps"),
      h("div", { class: "markdown", "data-testid": "remediation" }, r.remediationSteps || "No steps given."));
    try {
      const s = await api<Signature>("GET", `/api/signatures/${encodeURIComponent(r.signatureId)}`);
      why.textContent = s.pageDetail || "No details given.";
    } catch {
      why.textContent = "(the signature is no longer stored)";
    }
  }

  let seq = 0;
  async function load() {
    const mine = ++seq;
    keepInUrl();
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
    if (scanId) query.set("scan", scanId);
    else if (account) query.set("account", account);
    if (showMuted) query.set("muted", "1");
    if (grouped) query.set("group", "signature");
    query.set("offset", String(offset));
    query.set("limit", "100");
    const answer = await api<RisksAnswer>("GET", `/api/risks?${query}`);
    if (mine !== seq) return;
    mutedLabel.textContent = `Show muted (${answer.muted ?? 0})`;
    clear(counts);
    for (const level of ["High", "Medium", "Low"])
      append(counts, h("button", { class: `count level-${level.toLowerCase()}`, "data-testid": `count-${level}`,
        onclick: () => { levelSelect.value = level; filters.level = level; offset = 0; load(); } },
        h("span", { class: "number" }, answer.counts[level] ?? 0), h("span", {}, `${level} risks`)));
    if (answer.accounts.length > 1 || account) {
      accountSelect.classList.remove("hidden");
      clear(accountSelect);
      append(accountSelect, h("option", { value: "" }, "All accounts"),
        ...answer.accounts.map((a) => h("option", { value: a.key }, accountLabel(a))));
      // The address may name the account by its name, id or key.
      const named = scanId ? answer.scan?.accountId || answer.account || "" : account;
      const match = answer.accounts.find((a) => named !== "" && (a.key === named || a.name === named || a.id === named));
      if (match) accountSelect.value = match.key;
      else if (named) {
        accountSelect.appendChild(h("option", { value: named }, `${named} (no complete scan)`));
        accountSelect.value = named;
      } else accountSelect.value = "";
    }
    const scans = answer.scans || (answer.scan ? [answer.scan] : []);
    const several = scans.length > 1 || new Set(answer.items.map((r) => r.accountId || r.accountName || "")).size > 1;
    if (answer.scan)
      heading.textContent = `${answer.scan.accountName ? `${accountLabel({ name: answer.scan.accountName, id: answer.scan.accountId || "" })}: s` : "S"}can #${answer.scan.id}, finished ${formatTime(answer.scan.finishedAt)}`;
    else if (scans.length)
      heading.textContent = `All ${scans.length} accounts, each as its latest scan left it (scans ${scans.map((s) => `#${s.id}`).join(", ")}); the last finished ${formatTime(scans.map((s) => s.finishedAt).sort().pop() || "")}`;
    else heading.textContent = "No scan yet: start one on the Scans page.";
    if (filters.signature) heading.append(" · only ", h("b", {}, filters.signature), " ", h("a", { href: "#/risks" }, "(show all)"));
    for (const r of answer.items) {
      known.services.add(r.service);
      if (r.region) known.regions.add(r.region);
    }
    for (const [el, values] of [[serviceSelect, known.services], [regionSelect, known.regions]] as const)
      for (const v of values) if (![...el.options].some((o) => o.value === v)) el.appendChild(h("option", { value: v }, v));
    clear(table);
    if (grouped && answer.groups) {
      if (!answer.groups.length) {
        append(table, h("p", { class: "empty" }, scans.length ? "No risks match." : ""));
        return;
      }
      const groups = h("tbody");
      for (const g of answer.groups)
        append(groups, h("tr", { class: "clickable", "data-testid": "signature-group", "data-signature": g.key,
          onclick: () => { filters.signature = g.key; grouped = false; groupToggle.checked = false; offset = 0; load(); } },
          h("td", {}, h("div", {}, g.description || g.key), h("div", { class: "muted small" }, g.key)),
          h("td", {}, levelBadge(g.riskLevel)), h("td", { class: "number", "data-testid": "group-count" }, g.count)));
      append(table, h("table", { "data-testid": "groups-table" },
        h("thead", {}, h("tr", {}, h("th", {}, "Signature"), h("th", {}, "Level"), h("th", {}, "Failing resources"))), groups));
      return;
    }
    if (!answer.items.length) {
      append(table, h("p", { class: "empty" }, scans.length ? "No risks match." : ""));
      return;
    }
    const go = (to: number) => { offset = to; load(); };
    const body = h("tbody");
    for (const r of answer.items)
      append(body, h("tr", { class: r.risk === "muted" ? "clickable muted-row" : "clickable", "data-testid": "risk-row", "data-risk": r.risk, "data-signature": r.signatureId, "data-region": r.region || "", "data-resource": r.resourceId, "data-account": r.accountName || r.accountId || "", onclick: () => showDetail(r) },
        several ? h("td", { "data-testid": "risk-account-cell", title: r.accountId || "" }, r.accountName || r.accountId || "-") : null,
        h("td", {}, h("div", {}, r.description), h("div", { class: "muted small" }, r.signatureId)),
        h("td", {}, r.resourceName || r.resourceId), h("td", {}, r.service), h("td", { class: "nowrap" }, r.region || "-"), h("td", { class: "nowrap" }, r.vpc || "-"),
        h("td", {}, levelBadge(r.riskLevel)), h("td", {}, r.message), h("td", {}, riskBadge(r.risk))));
    append(table, h("table", { "data-testid": "risks-table" },
      h("thead", {}, h("tr", {}, ...[...(several ? ["Account"] : []), "Signature", "Resource", "Service", "Region", "VPC", "Level", "Message", "Status"].map((c) => h("th", {}, c)))), body),
      pager(answer, go, "risks-pager"));
  }

  const element = h("section", {}, tabs("risks"), overview, heading, counts,
    h("div", { class: "filters" }, accountSelect, levelSelect, serviceSelect, regionSelect, statusSelect, search, mutedFilter, groupFilter),
    h("div", { class: "split" }, table, detail));
  load().catch((e) => append(table, h("p", { class: "error" }, e.message)));
  loadOverview();
  return { element };
}
