import { api, Signature } from "../api";
import { append, clear, formatTime, h, levelBadge } from "../dom";
import type { Context } from "../main";

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
  risk: "new" | "open" | "fixed";
  remediationSteps: string;
  compliance: string[];
}

interface RisksAnswer {
  scan: { id: number; finishedAt: string } | null;
  account?: string;
  accounts: string[];
  counts: Record<string, number>;
  risks: Risk[];
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
  const scanId = ctx.params.get("scan") || "";
  let account: string | null = ctx.params.get("account");
  const accountSelect = h("select", { "aria-label": "Account", class: "hidden", onchange: () => ((account = accountSelect.value), load()) });
  const counts = h("div", { class: "counts" });
  const table = h("div", { class: "table-wrap" });
  const detail = h("aside", { class: "detail card hidden", "data-testid": "risk-detail" });
  const heading = h("p", { class: "muted" });
  const select = (name: keyof typeof filters, label: string, options: string[]) => {
    const el = h("select", { name, "aria-label": label, onchange: () => ((filters[name] = el.value), load()) },
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
    load();
  });
  let known = { services: new Set<string>(), regions: new Set<string>() };

  async function showDetail(r: Risk) {
    detail.classList.remove("hidden");
    clear(detail);
    append(detail,
      h("button", { class: "link close", onclick: () => detail.classList.add("hidden") }, "Close ✕"),
      h("h3", {}, r.description), h("p", {}, levelBadge(r.riskLevel), " ", h("span", { class: `badge risk-${r.risk}` }, r.risk), " ", r.signatureId),
      h("dl", {},
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
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
    if (scanId) query.set("scan", scanId);
    else if (account !== null) query.set("account", account);
    const answer = await api<RisksAnswer>("GET", `/api/risks?${query}`);
    if (mine !== seq) return;
    clear(counts);
    for (const level of ["High", "Medium", "Low"])
      append(counts, h("button", { class: `count level-${level.toLowerCase()}`, "data-testid": `count-${level}`,
        onclick: () => { levelSelect.value = level; filters.level = level; load(); } },
        h("span", { class: "number" }, answer.counts[level] ?? 0), h("span", {}, `${level} risks`)));
    if (answer.accounts.length > 1) {
      accountSelect.classList.remove("hidden");
      clear(accountSelect);
      append(accountSelect, ...answer.accounts.map((a) => h("option", { value: a }, a || "default account")));
      accountSelect.value = answer.account ?? "";
    }
    heading.textContent = answer.scan ? `Scan #${answer.scan.id}, finished ${formatTime(answer.scan.finishedAt)}` : "No scan yet: start one on the Scans page.";
    if (filters.signature) heading.append(" · only ", h("b", {}, filters.signature), " ", h("a", { href: "#/risks" }, "(show all)"));
    for (const r of answer.risks) {
      known.services.add(r.service);
      if (r.region) known.regions.add(r.region);
    }
    for (const [el, values] of [[serviceSelect, known.services], [regionSelect, known.regions]] as const)
      for (const v of values) if (![...el.options].some((o) => o.value === v)) el.appendChild(h("option", { value: v }, v));
    clear(table);
    if (!answer.risks.length) {
      append(table, h("p", { class: "empty" }, answer.scan ? "No risks match." : ""));
      return;
    }
    const body = h("tbody");
    for (const r of answer.risks)
      append(body, h("tr", { class: "clickable", "data-testid": "risk-row", onclick: () => showDetail(r) },
        h("td", {}, h("div", {}, r.description), h("div", { class: "muted small" }, r.signatureId)),
        h("td", {}, r.resourceName || r.resourceId), h("td", {}, r.service), h("td", { class: "nowrap" }, r.region || "-"), h("td", { class: "nowrap" }, r.vpc || "-"),
        h("td", {}, levelBadge(r.riskLevel)), h("td", {}, r.message), h("td", {}, h("span", { class: `badge risk-${r.risk}` }, r.risk))));
    append(table, h("table", { "data-testid": "risks-table" },
      h("thead", {}, h("tr", {}, ...["Signature", "Resource", "Service", "Region", "VPC", "Level", "Message", "Status"].map((c) => h("th", {}, c)))), body));
  }

  const element = h("section", {}, tabs("risks"), heading, counts,
    h("div", { class: "filters" }, accountSelect, levelSelect, serviceSelect, regionSelect, statusSelect, search),
    h("div", { class: "split" }, table, detail));
  load().catch((e) => append(table, h("p", { class: "error" }, e.message)));
  return { element };
}
