// The Compliance page: each framework (CIS, AWS FSBP, PCI DSS, NIST 800-53, ...) read from the
// latest complete scans, then one framework control by control, with the signatures that
// serve each control (linked to their risks) and an HTML report to download.
import { api, apiText, ApiError } from "../api";
import { append, clear, h, statusBadge } from "../dom";
import type { Context } from "../main";

interface Summary { controls: number; pass: number; fail: number; error: number; "no results": number; "not checked": number; manual: number }
interface FrameworkSummary { id: string; name: string; version: string; providers: string[]; summary: Summary; score: number | null }
interface ControlRow {
  id: string; title: string; section: string; assessment: string; status: string;
  signatures: string[]; failing: number; passing: number; errors: number; muted: number;
}
interface Scan { id: number; account: string; finishedAt: string }

const STATUSES = ["fail", "error", "pass", "no results", "not checked", "manual"];
const errorText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));
const score = (s: number | null) => (s === null ? "-" : `${s}%`);

export function compliancePage(ctx: Context): { element: HTMLElement } {
  const framework = ctx.params.get("framework") || "";
  const account = ctx.params.get("account") || "";
  const body = h("div", {});
  const query = account ? `?account=${encodeURIComponent(account)}` : "";
  const scansLine = (scans: Scan[]) => h("p", { class: "muted", "data-testid": "compliance-scans" },
    scans.length ? `From ${scans.length === 1 ? "scan" : "the latest scans"} ${scans.map((s) => `${s.account} #${s.id}`).join(", ")}.`
      : "No complete scan yet: controls read \"no results\" until a scan has run.");

  if (!framework) {
    api<{ scans: Scan[]; frameworks: FrameworkSummary[] }>("GET", "/api/compliance" + query).then((answer) => {
      append(body, scansLine(answer.scans), h("div", { class: "table-wrap" }, h("table", { "data-testid": "frameworks-table" },
        h("thead", {}, h("tr", {}, ...["Framework", "Controls", "Pass", "Fail", "Error", "No results", "Not checked", "Manual", "Score"].map((t) => h("th", {}, t)))),
        h("tbody", {}, ...answer.frameworks.map((f) => h("tr", { "data-testid": "framework-row", "data-id": f.id },
          h("td", {}, h("a", { href: `#/compliance?framework=${encodeURIComponent(f.id)}${account ? `&account=${encodeURIComponent(account)}` : ""}` }, f.name),
            h("div", { class: "muted small mono" }, f.id)),
          h("td", {}, f.summary.controls), h("td", {}, f.summary.pass), h("td", { class: f.summary.fail ? "fail-text" : "" }, f.summary.fail),
          h("td", {}, f.summary.error), h("td", {}, f.summary["no results"]), h("td", {}, f.summary["not checked"]), h("td", {}, f.summary.manual),
          h("td", { "data-testid": "framework-score" }, score(f.score))))))));
    }).catch((e) => append(body, h("p", { class: "error" }, errorText(e))));
    return { element: h("div", {}, h("h2", {}, "Compliance"),
      h("p", { class: "muted" }, "A control passes when every result of the signatures that serve it passed (or was muted), and fails when any failed. The score is the share of controls with results that pass."),
      body) };
  }

  const statusFilter = h("select", { "aria-label": "Status", "data-testid": "control-status" },
    h("option", { value: "" }, "Every status"), ...STATUSES.map((s) => h("option", { value: s }, s)));
  const search = h("input", { type: "search", placeholder: "Control or title", "aria-label": "Search controls", "data-testid": "control-search" });
  const table = h("div", { class: "table-wrap" });
  let controls: ControlRow[] = [];
  const show = () => {
    const text = search.value.trim().toLowerCase();
    const shown = controls.filter((c) => (!statusFilter.value || c.status === statusFilter.value) &&
      (!text || c.id.toLowerCase().includes(text) || c.title.toLowerCase().includes(text)));
    clear(table);
    append(table, h("table", { "data-testid": "controls-table" },
      h("thead", {}, h("tr", {}, ...["Control", "Status", "Title", "Signatures", "Failing"].map((t) => h("th", {}, t)))),
      h("tbody", {}, ...shown.map((c) => h("tr", { "data-testid": "control-row", "data-id": c.id, "data-status": c.status },
        h("td", { class: "mono nowrap" }, c.id),
        h("td", {}, statusBadge(c.status)),
        h("td", {}, c.title, c.section ? h("div", { class: "muted small" }, c.section) : null),
        h("td", { class: "small" }, ...(c.signatures.length ? c.signatures.flatMap((s, i) => [i ? ", " : "", h("a", { href: `#/risks?signature=${encodeURIComponent(s)}`, class: "mono" }, s)])
          : [h("span", { class: "muted" }, c.assessment === "Manual" ? "checked by hand" : "none")])),
        h("td", {}, c.failing || ""))))));
  };
  statusFilter.addEventListener("change", show);
  search.addEventListener("input", show);
  const download = h("button", { class: "secondary small", "data-testid": "compliance-html", onclick: async () => {
    try {
      const html = await apiText(`/api/compliance/${encodeURIComponent(framework)}?format=html${account ? `&account=${encodeURIComponent(account)}` : ""}`);
      const link = h("a", { href: URL.createObjectURL(new Blob([html], { type: "text/html" })), download: `${framework}-compliance.html` });
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      append(body, h("p", { class: "error" }, errorText(e)));
    }
  } }, "Download HTML report");
  const heading = h("h2", {}, "Compliance");
  api<FrameworkSummary & { controls: ControlRow[]; scans: Scan[] }>("GET", `/api/compliance/${encodeURIComponent(framework)}${query}`).then((answer) => {
    heading.textContent = `${answer.name}${answer.version ? " " + answer.version : ""}`;
    controls = answer.controls;
    const s = answer.summary;
    append(body, scansLine(answer.scans),
      h("p", { "data-testid": "compliance-summary" }, `${s.controls} controls: ${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s["no results"]} no results, ${s["not checked"]} not checked, ${s.manual} manual. Score ${score(answer.score)}.`),
      h("div", { class: "row" }, statusFilter, search, download), table);
    show();
  }).catch((e) => append(body, h("p", { class: "error" }, errorText(e))));
  return { element: h("div", {}, h("p", {}, h("a", { href: "#/compliance" + query }, "‹ Every framework")), heading, body) };
}
