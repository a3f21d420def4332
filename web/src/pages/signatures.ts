import { api, ApiError, Signature } from "../api";
import { append, clear, confirmDialog, h, levelBadge, pager, toast, type Paged } from "../dom";
import { go, type Context } from "../main";
import { tabs } from "./risks";

interface Bundle {
  signatures: { name: string; yaml: string; js: string }[];
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Import: a bundle from Export (.json), or NAME.yaml + NAME.js pairs picked together.
async function readImport(files: FileList): Promise<Bundle> {
  const texts = new Map<string, string>();
  for (const f of Array.from(files)) texts.set(f.name, await f.text());
  const json = [...texts.keys()].find((n) => n.endsWith(".json"));
  if (json) return JSON.parse(texts.get(json)!);
  const signatures: Bundle["signatures"] = [];
  for (const [name, yaml] of texts) {
    if (!/\.ya?ml$/.test(name)) continue;
    const base = name.replace(/\.ya?ml$/, "");
    const js = texts.get(base + ".js");
    if (js === undefined) throw new Error(`${name} has no ${base}.js beside it`);
    signatures.push({ name: base, yaml, js });
  }
  if (!signatures.length) throw new Error("pick an exported .json bundle, or NAME.yaml and NAME.js files");
  return { signatures };
}

export function signaturesPage(ctx: Context): { element: HTMLElement } {
  const showBuiltin = ctx.params.get("builtin") === "1";
  const list = h("div", { class: "table-wrap" });
  // Paged and searched by the server (452 built-ins and counting).
  let offset = 0;
  let searchTimer = 0;
  const search = h("input", { type: "search", placeholder: "Search id, description, service", "data-testid": "signature-search",
    value: ctx.params.get("q") || "" }) as HTMLInputElement;
  search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => { offset = 0; load(); }, 250);
  });
  const fileInput = h("input", { type: "file", multiple: true, accept: ".json,.yaml,.yml,.js", class: "hidden", "data-testid": "import-input" });
  fileInput.addEventListener("change", async () => {
    if (!fileInput.files || !fileInput.files.length) return;
    try {
      const bundle = await readImport(fileInput.files);
      const answer = await api<{ imported: string[] }>("POST", "/api/signatures/import", bundle);
      toast(`Imported ${answer.imported.length} signature(s): ${answer.imported.join(", ")}`);
      load();
    } catch (e) {
      const detail = e instanceof ApiError ? Object.entries(e.body.fields).map(([k, v]) => `${k}: ${v}`).join("\n") : "";
      toast(`Import failed: ${(e as Error).message}${detail ? "\n" + detail : ""}`, "error");
    } finally {
      fileInput.value = "";
    }
  });

  async function load() {
    const query = new URLSearchParams({ builtin: showBuiltin ? "1" : "0", offset: String(offset), limit: "100" });
    if (search.value.trim()) query.set("q", search.value.trim());
    const answer = await api<Paged<Signature>>("GET", `/api/signatures?${query}`);
    const shown = answer.items;
    clear(list);
    if (!shown.length) {
      append(list, h("p", { class: "empty" }, search.value.trim() ? "No signature matches." : showBuiltin ? "No built-in signatures." : "No custom signatures yet. Add one: write the check, Test it on your account, Save it."));
      return;
    }
    const body = h("tbody");
    for (const s of shown) {
      const toggle = h("input", { type: "checkbox", checked: s.enabled, disabled: !ctx.canEdit, "aria-label": `Enable ${s.id}` });
      toggle.addEventListener("change", async () => {
        try {
          await api("POST", `/api/signatures/${encodeURIComponent(s.id)}/${toggle.checked ? "enable" : "disable"}`);
          toast(`${s.id} ${toggle.checked ? "enabled" : "disabled"}`);
        } catch (e) {
          toggle.checked = !toggle.checked;
          toast((e as Error).message, "error");
        }
      });
      const last = s.lastResults;
      append(body, h("tr", { "data-testid": "signature-row", "data-id": s.id },
        h("td", { class: "mono" }, s.id),
        h("td", {}, h("a", { href: `#/signatures/${encodeURIComponent(s.id)}` }, s.description)),
        h("td", {}, s.service), h("td", {}, levelBadge(s.riskLevel)), h("td", {}, toggle),
        h("td", { class: "small" }, last ? h("span", {}, h("span", { class: "pass" }, `${last.Pass} pass`), " · ",
          h("span", { class: "fail" }, `${last.Fail} fail`), " · ", h("span", { class: "err" }, `${last.Error} error`)) : h("span", { class: "muted" }, "not scanned")),
        h("td", { class: "actions" },
          h("a", { class: "button small secondary", href: `#/signatures/${encodeURIComponent(s.id)}` }, ctx.canEdit && !s.builtin ? "Edit" : "View"),
          ctx.canEdit && !s.builtin ? h("button", { class: "small danger", "data-testid": "delete-signature", onclick: async () => {
            if (!(await confirmDialog(`Delete ${s.id}?`, `"${s.description}" will no longer be scanned, and its code is removed. This cannot be undone.`, "Delete"))) return;
            try {
              await api("DELETE", `/api/signatures/${encodeURIComponent(s.id)}`);
              toast(`Deleted ${s.id}`);
              load();
            } catch (e) {
              toast((e as Error).message, "error");
            }
          } }, "Delete") : null)));
    }
    append(list, h("table", { "data-testid": "signatures-table" },
      h("thead", {}, h("tr", {}, ...["ID", "Description", "Service", "Level", "Enabled", "Last scan", ""].map((c) => h("th", {}, c)))), body),
      pager(answer, (to) => { offset = to; load(); }, "signatures-pager"));
  }

  const element = h("section", {}, tabs("signatures"),
    h("div", { class: "toolbar" },
      h("div", { class: "subtabs" },
        h("a", { href: "#/signatures", class: showBuiltin ? "" : "active" }, "Custom"),
        h("a", { href: "#/signatures?builtin=1", class: showBuiltin ? "active" : "" }, "Built-in")),
      search,
      h("div", { class: "spacer" }),
      ctx.canEdit ? h("button", { "data-testid": "add-signature", onclick: () => go("/signatures/new") }, "Add New Signature") : null,
      ctx.canEdit ? h("button", { class: "secondary", onclick: () => fileInput.click() }, "Import") : null,
      h("button", { class: "secondary", onclick: async () => {
        const bundle = await api("GET", `/api/signatures/export${showBuiltin ? "" : "?custom=1"}`);
        download(showBuiltin ? "signet-signatures.json" : "signet-custom-signatures.json", JSON.stringify(bundle, null, 2));
      } }, "Export"),
      fileInput),
    list);
  load().catch((e) => append(list, h("p", { class: "error" }, e.message)));
  return { element };
}
