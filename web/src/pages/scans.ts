import { api, ApiError } from "../api";
import { append, clear, formatTime, h, pager, toast, type Paged } from "../dom";
import type { Context } from "../main";

interface Scan {
  id: number;
  startedAt: string;
  finishedAt: string;
  status: string;
  account?: string;
  accountName?: string;
  accountId?: string;
  stats: Record<string, any>;
  progress?: Record<string, any>;
}

export function scansPage(ctx: Context): { element: HTMLElement; leave: () => void } {
  const progress = h("div", { class: "progress card hidden", "data-testid": "scan-progress" });
  const history = h("div", { class: "table-wrap" });
  const start = h("button", { "data-testid": "start-scan", disabled: !ctx.canEdit }, "Start scan");
  let timer: number | undefined;
  let wasRunning = false;

  async function poll() {
    try {
      const current = await api<{ running: boolean; progress: Record<string, any> | null }>("GET", "/api/scans/current");
      start.disabled = current.running || !ctx.canEdit;
      if (current.running) {
        const p = current.progress || {};
        const total = p.evaluations || 0, done = p.evaluationsDone || 0;
        const percent = total ? Math.round((100 * done) / total) : 0;
        progress.classList.remove("hidden");
        clear(progress);
        append(progress, h("div", {}, p.phase === "running" ? `${p.accountName || p.account ? `${p.accountName || p.account}, s` : "S"}can #${p.scanId}: ${p.signaturesDone}/${p.signatures} signatures, ${done}/${total} evaluations, ${p.apiCalls} API calls, ${p.errors} errors` : "Starting the scan: listing resources…"),
          h("div", { class: "bar" }, h("div", { class: "fill", style: `width:${percent}%` })));
        wasRunning = true;
      } else {
        progress.classList.add("hidden");
        if (wasRunning) {
          wasRunning = false;
          toast("Scan finished");
          loadHistory();
        }
      }
    } finally {
      timer = window.setTimeout(poll, 1000);
    }
  }

  let offset = 0;
  async function loadHistory() {
    const answer = await api<Paged<Scan>>("GET", `/api/scans?offset=${offset}&limit=50`);
    const scans = answer.items;
    clear(history);
    if (!scans.length) {
      append(history, h("p", { class: "empty" }, "No scans yet."));
      return;
    }
    const body = h("tbody");
    for (const s of scans) {
      const st = s.stats || {};
      append(body, h("tr", { "data-testid": "scan-row", "data-status": s.status },
        h("td", {}, s.status === "complete" ? h("a", { href: `#/risks?scan=${s.id}` }, `#${s.id}`) : `#${s.id}`),
        h("td", { "data-testid": "scan-account", title: s.accountId || "" }, s.accountName || s.account || "default",
          s.accountId && s.accountId !== s.accountName ? h("div", { class: "muted small mono" }, s.accountId) : null),
        h("td", {}, formatTime(s.startedAt)), h("td", {}, s.status),
        h("td", {}, st.resources ?? "-"), h("td", {}, st.evaluations ?? "-"),
        h("td", {}, st.pass ?? "-"), h("td", {}, st.fail ?? "-"), h("td", {}, st.error ?? "-"), h("td", {}, st.fixed ?? "-"),
        h("td", {}, st.apiCallsSent !== undefined ? `${st.apiCallsSent} (${st.apiCallsSaved} shared)` : "-"),
        h("td", {}, st.seconds !== undefined ? `${Number(st.seconds).toFixed(1)} s` : "-"),
        h("td", { class: "small" }, st.error && typeof st.error === "string" ? st.error : (st.listingProblems || []).length ? `${st.listingProblems.length} listing problem(s)` : "")));
    }
    append(history, h("table", { "data-testid": "scans-table" },
      h("thead", {}, h("tr", {}, ...["Scan", "Account", "Started", "Status", "Resources", "Evaluations", "Pass", "Fail", "Error", "Fixed", "API calls", "Time", "Notes"].map((c) => h("th", {}, c)))), body),
      pager(answer, (to) => { offset = to; loadHistory(); }, "scans-pager"));
  }

  start.addEventListener("click", async () => {
    start.disabled = true;
    try {
      await api("POST", "/api/scans", {});
      toast("Scan started");
      wasRunning = true;
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), "error");
    }
  });

  const element = h("section", {}, h("div", { class: "toolbar" }, h("h2", {}, "Scans"), h("div", { class: "spacer" }), start), progress, history);
  loadHistory().catch((e) => append(history, h("p", { class: "error" }, e.message)));
  poll();
  return { element, leave: () => window.clearTimeout(timer) };
}
