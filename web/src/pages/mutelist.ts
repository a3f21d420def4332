// The Mutelist page: rules that accept a Fail as Muted. Everyone reads them with their state;
// editors and admins add and remove them, and import a file (Signet's form or Prowler's) after
// a dry-run preview that lists what did not map. Export gives the YAML.
import { api, apiText, ApiError } from "../api";
import { append, clear, confirmDialog, formatTime, h, pager, toast, type Paged } from "../dom";
import type { Context } from "../main";

export interface Criteria {
  accounts: string[];
  regions: string[];
  signatures: string[];
  resources: string[];
  tags: Record<string, string>;
}

export interface MuteRule {
  id: number;
  match: Criteria;
  except: Criteria;
  reason: string;
  author: string;
  createdAt: string;
  expires: string; // YYYY-MM-DD or ""
  lastMatchedAt: string;
  state?: "active" | "expired" | "stale";
}

interface ImportAnswer {
  imported: number;
  rules: MuteRule[];
  notes: string[];
  dryRun: boolean;
}

const LISTS = ["accounts", "regions", "signatures", "resources"] as const;
const STATES: Record<string, string> = {
  active: "mutes matching results",
  expired: "past its expiry date: mutes nothing",
  stale: "has matched nothing for 90 days",
};

// "accounts=123456789012; signatures=AWS-EC2-002; tag env=dev*"
export function describeCriteria(c: Partial<Criteria> | undefined): string {
  if (!c) return "";
  const parts: string[] = LISTS.filter((k) => c[k] && c[k]!.length).map((k) => `${k}=${c[k]!.join(", ")}`);
  for (const [k, v] of Object.entries(c.tags || {})) parts.push(`tag ${k}=${v}`);
  return parts.join("; ");
}

const splitList = (text: string) => text.split(",").map((t) => t.trim()).filter(Boolean);

// Tags as KEY=VALUE-PATTERN lines; a line without "=" is the caller's error to show.
function parseTags(text: string): { tags: Record<string, string>; bad: string[] } {
  const tags: Record<string, string> = {};
  const bad: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    if (eq < 0) bad.push(line);
    else tags[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { tags, bad };
}

function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  const fields = Object.entries(e.body.fields).map(([k, v]) => `${k}: ${v}`).join("\n");
  return fields ? `${e.message}:\n${fields}` : e.message;
}

function stateBadge(state: string): HTMLElement {
  const label = state ? state.charAt(0).toUpperCase() + state.slice(1) : "?";
  return h("span", { class: `badge state-${state}`, "data-testid": "rule-state", title: STATES[state] || "" }, label);
}

export interface Prefill {
  account?: string;
  region?: string;
  signature?: string;
  resource?: string;
}

// The "Add rule" form: comma-separated lists, tags as KEY=VALUE lines, the 422 answer's field
// errors beside their inputs ("match.accounts[0]" beside the accounts input).
function ruleForm(prefill: Prefill, saved: (rule: MuteRule) => void) {
  const inputs: Record<string, HTMLInputElement | HTMLTextAreaElement> = {};
  const errors: Record<string, HTMLElement> = {};
  const errorSpan = (name: string) => (errors[name] = h("span", { class: "field-error", "data-field-error": name }));
  const field = (name: string, label: string, input: HTMLInputElement | HTMLTextAreaElement, hint = "") => {
    inputs[name] = input;
    input.setAttribute("name", name);
    input.setAttribute("data-field", name);
    return h("label", { class: "field" }, h("span", { class: "label" }, label), input, hint ? h("span", { class: "muted small" }, hint) : null, errorSpan(name));
  };
  const criteria = (side: "match" | "except", title: string, note: string) =>
    h("fieldset", { class: "criteria", "data-testid": `${side}-fields` },
      h("legend", {}, title),
      h("p", { class: "muted small" }, note),
      errorSpan(side),
      h("div", { class: "grid-form" },
        field(`${side}.accounts`, "Accounts (ids or names)", h("input", { type: "text", placeholder: side === "match" ? "any; e.g. 123456789012, prod-*" : "none" })),
        field(`${side}.regions`, "Regions", h("input", { type: "text", placeholder: side === "match" ? "any; e.g. eu-*" : "none" })),
        field(`${side}.signatures`, "Signatures", h("input", { type: "text", placeholder: side === "match" ? "any; e.g. AWS-EC2-002" : "none" })),
        field(`${side}.resources`, "Resources (id, name or ARN)", h("input", { type: "text", placeholder: side === "match" ? "any; e.g. arn:aws:s3:::www-*" : "none" })),
        field(`${side}.tags`, "Tags (one KEY=VALUE a line)", h("textarea", { rows: 2, placeholder: side === "match" ? "env=dev*" : "" }))));
  const form = h("form", { class: "mute-form", "data-testid": "mute-form" });
  const general = h("p", { class: "error", "data-testid": "mute-form-error" });
  append(form,
    h("p", { class: "muted small" }, "Patterns are globs: * any text, ? one character. Lists are comma-separated; an empty list matches anything. A result is muted when it matches every filled-in field of Match and not every filled-in field of Except."),
    criteria("match", "Match", "What the rule mutes: fill in at least one field."),
    criteria("except", "Except", "Optional: results matching these stay risks."),
    h("div", { class: "grid-form" },
      field("reason", "Reason (required)", h("textarea", { rows: 2, placeholder: "why these results are accepted" })),
      field("expires", "Expires (optional)", h("input", { type: "date" }), "mutes through that day (UTC); empty: never")),
    h("div", { class: "actions" }, h("button", { type: "submit", "data-testid": "add-rule" }, "Add rule"), " ",
      h("button", { type: "button", class: "secondary", onclick: () => reset() }, "Clear")),
    general);

  const clearErrors = () => {
    for (const el of Object.values(errors)) el.textContent = "";
    for (const el of Object.values(inputs)) el.classList.remove("invalid");
    general.textContent = "";
  };
  const showError = (name: string, message: string) => {
    // "match.accounts[0]" is shown beside match.accounts; "match" above its fields.
    const key = errors[name] ? name : name.replace(/\[\d+\]$/, "");
    if (errors[key]) {
      errors[key].textContent = (errors[key].textContent ? errors[key].textContent + " " : "") + (key === name ? message : `${name.slice(key.length)}: ${message}`);
      inputs[key]?.classList.add("invalid");
    } else general.textContent += `${name}: ${message}\n`;
  };
  const reset = () => {
    form.reset();
    clearErrors();
  };
  const fill = (p: Prefill) => {
    if (p.account) inputs["match.accounts"].value = p.account;
    if (p.region) inputs["match.regions"].value = p.region;
    if (p.signature) inputs["match.signatures"].value = p.signature;
    if (p.resource) inputs["match.resources"].value = p.resource;
  };
  fill(prefill);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors();
    const body: any = { match: {}, except: {}, reason: inputs.reason.value, expires: inputs.expires.value };
    let bad = false;
    for (const side of ["match", "except"] as const) {
      for (const list of LISTS) body[side][list] = splitList(inputs[`${side}.${list}`].value);
      const { tags, bad: lines } = parseTags(inputs[`${side}.tags`].value);
      body[side].tags = tags;
      if (lines.length) {
        showError(`${side}.tags`, `write each tag as KEY=VALUE-PATTERN (not ${lines.map((l) => JSON.stringify(l)).join(", ")})`);
        bad = true;
      }
    }
    if (bad) return;
    try {
      const rule = await api<MuteRule>("POST", "/api/mutelist", body);
      toast(`Rule #${rule.id} added: matching results will be Muted from the next scan`);
      reset();
      saved(rule);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.body.fields).length) {
        general.textContent = "";
        for (const [name, message] of Object.entries(err.body.fields)) showError(name, message);
        const first = form.querySelector<HTMLElement>(".invalid");
        if (first) first.focus();
      } else general.textContent = errorText(err);
    }
  });
  return { element: h("div", { class: "card", id: "add-rule" }, h("h3", {}, "Add rule"), form), focus: () => inputs.reason.focus() };
}

function exportSection(): { element: HTMLElement; leave: () => void } {
  const out = h("div", { "data-testid": "export-result" });
  let url = "";
  const release = () => {
    if (url) URL.revokeObjectURL(url);
    url = "";
  };
  const button = h("button", { class: "secondary", "data-testid": "export-yaml", onclick: async () => {
    button.disabled = true;
    try {
      const yaml = await apiText("/api/mutelist/export");
      release();
      url = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
      clear(out);
      append(out,
        h("p", {}, h("a", { class: "button small", href: url, download: "signet-mutelist.yaml", "data-testid": "export-download" }, "Download signet-mutelist.yaml")),
        h("pre", { class: "console", "data-testid": "export-text" }, yaml));
    } catch (e) {
      clear(out);
      append(out, h("p", { class: "error" }, errorText(e)));
    } finally {
      button.disabled = false;
    }
  } }, "Export YAML");
  return {
    element: h("div", { class: "card" }, h("h3", {}, "Export"),
      h("p", { class: "muted" }, "Every rule as Signet's YAML, to keep in version control or import elsewhere."), button, out),
    leave: release,
  };
}

function importSection(imported: () => void): HTMLElement {
  const text = h("textarea", { rows: 10, class: "mono", "data-testid": "import-yaml", "aria-label": "Mutelist YAML", spellcheck: "false",
    placeholder: "mutelist:\n  - match: {signatures: [\"AWS-S3-001\"]}\n    reason: \"public website\"\n\nor Prowler's Mutelist: file" });
  const file = h("input", { type: "file", accept: ".yaml,.yml,text/yaml,application/yaml", "data-testid": "import-file", "aria-label": "Mutelist file" });
  const replace = h("input", { type: "checkbox", "data-testid": "import-replace" });
  const result = h("div", { "data-testid": "import-result" });
  const previewButton = h("button", { type: "button", class: "secondary", "data-testid": "import-preview" }, "Preview (dry run)");
  const importButton = h("button", { type: "button", "data-testid": "import-apply", disabled: true }, "Import");
  let previewed = ""; // the text and mode the shown preview is of; Import needs a preview of them
  const current = () => `${replace.checked}\n${text.value}`;
  const stale = () => {
    importButton.disabled = previewed !== current();
  };
  text.addEventListener("input", stale);
  replace.addEventListener("change", stale);
  file.addEventListener("change", async () => {
    const f = file.files && file.files[0];
    if (!f) return;
    text.value = await f.text();
    stale();
  });

  const send = (dryRun: boolean) => api<ImportAnswer>("POST", "/api/mutelist/import", { yaml: text.value, replace: replace.checked, dryRun });
  const showError = (e: unknown) => {
    clear(result);
    append(result, h("p", { class: "error", "data-testid": "import-error" }, errorText(e)));
  };
  previewButton.addEventListener("click", async () => {
    previewButton.disabled = true;
    importButton.disabled = true;
    previewed = "";
    const asked = current();
    try {
      const answer = await send(true);
      clear(result);
      append(result,
        h("p", { "data-testid": "import-summary" },
          `${answer.rules.length} rule(s) would be imported`, replace.checked ? ", replacing every rule stored now." : ", beside the rules stored now."),
        answer.rules.length ? h("ul", { class: "small", "data-testid": "import-rules" },
          ...answer.rules.map((r) => h("li", {}, describeCriteria(r.match) || "(nothing)", r.except && describeCriteria(r.except) ? ` except ${describeCriteria(r.except)}` : "",
            " — ", r.reason, r.expires ? ` (until ${r.expires})` : ""))) : null,
        h("h4", {}, answer.notes.length ? `Notes: ${answer.notes.length} thing(s) did not map` : "Notes"),
        answer.notes.length
          ? h("ul", { "data-testid": "import-notes" }, ...answer.notes.map((n) => h("li", { "data-testid": "import-note" }, n)))
          : h("p", { class: "muted", "data-testid": "import-notes" }, "None: everything in the file maps to rules."));
      previewed = asked;
      stale();
    } catch (e) {
      showError(e);
    } finally {
      previewButton.disabled = false;
    }
  });
  importButton.addEventListener("click", async () => {
    if (replace.checked && !(await confirmDialog("Replace every rule?", "The rules stored now are removed and the file's rules take their place.", "Replace")))
      return;
    importButton.disabled = true;
    try {
      const answer = await send(false);
      toast(`Imported ${answer.imported} rule(s)`);
      previewed = "";
      clear(result);
      append(result, h("p", { "data-testid": "import-summary" }, `Imported ${answer.imported} rule(s).`));
      imported();
    } catch (e) {
      showError(e);
    }
  });
  return h("div", { class: "card" }, h("h3", {}, "Import"),
    h("p", { class: "muted" }, "Signet's YAML (as Export gives it) or Prowler's mutelist file. Preview first: it lists the rules the file becomes and notes what did not map; every rule is imported, or none."),
    h("label", { class: "field" }, h("span", { class: "label" }, "File"), file),
    h("label", { class: "field" }, h("span", { class: "label" }, "YAML"), text),
    h("label", { class: "inline-check" }, replace, " Replace every rule stored now"),
    h("div", { class: "actions" }, previewButton, " ", importButton), result);
}

export function mutelistPage(ctx: Context): { element: HTMLElement; leave: () => void } {
  const list = h("div", { class: "table-wrap" });
  const highlight = ctx.params.get("rule") || "";
  const prefill: Prefill = {
    account: ctx.params.get("account") || "",
    region: ctx.params.get("region") || "",
    signature: ctx.params.get("signature") || "",
    resource: ctx.params.get("resource") || "",
  };
  const prefilled = Object.values(prefill).some(Boolean);

  let offset = 0;
  async function load() {
    const page = await api<Paged<MuteRule>>("GET", `/api/mutelist?offset=${offset}&limit=100`);
    const rules = page.items;
    clear(list);
    if (!page.total) {
      append(list, h("p", { class: "empty", "data-testid": "mutelist-empty" }, "No rule: every Fail is a risk."));
      return;
    }
    const body = h("tbody");
    for (const r of rules) {
      const row = h("tr", { "data-testid": "mute-row", "data-id": r.id, "data-state": r.state || "", class: String(r.id) === highlight ? "highlight" : "" },
        h("td", { class: "mono" }, `#${r.id}`),
        h("td", { class: "mono small", "data-testid": "rule-match" }, describeCriteria(r.match)),
        h("td", { class: "mono small", "data-testid": "rule-except" }, describeCriteria(r.except) || h("span", { class: "muted" }, "-")),
        h("td", { class: "markdown", "data-testid": "rule-reason" }, r.reason),
        h("td", { "data-testid": "rule-author" }, r.author || "-"),
        h("td", { class: "nowrap", "data-testid": "rule-expires" }, r.expires || "never"),
        h("td", {}, stateBadge(r.state || "")),
        h("td", { class: "nowrap", "data-testid": "rule-last-matched", "data-time": r.lastMatchedAt || "" },
          r.lastMatchedAt ? formatTime(r.lastMatchedAt) : h("span", { class: "muted" }, "never")),
        h("td", { class: "actions" }, ctx.canEdit ? h("button", { class: "small danger", "data-testid": "remove-rule", onclick: async () => {
          if (!(await confirmDialog(`Remove rule #${r.id}?`, "From the next scan, the results it mutes are risks again.", "Remove"))) return;
          try {
            await api("DELETE", `/api/mutelist/${r.id}`);
            toast(`Rule #${r.id} removed`);
          } catch (e) {
            toast(errorText(e), "error");
          }
          load().catch(failed);
        } }, "Remove") : null));
      append(body, row);
    }
    append(list, h("table", { "data-testid": "mutelist-table" },
      h("thead", {}, h("tr", {}, ...["Rule", "Matches", "Except", "Reason", "Author", "Expires", "State", "Last matched", ""].map((t) => h("th", {}, t)))), body));
    if (page.total > page.limit) append(list, pager(page, (to) => { offset = to; load().catch(failed); }, "mutelist-pager"));
    const marked = list.querySelector("tr.highlight");
    if (marked) marked.scrollIntoView({ block: "center" });
  }
  const failed = (e: unknown) => {
    clear(list);
    append(list, h("p", { class: "error" }, errorText(e)));
  };

  const exporter = exportSection();
  const sections: HTMLElement[] = [];
  if (ctx.canEdit) {
    const form = ruleForm(prefill, () => {
      if (prefilled) history.replaceState(null, "", "#/mutelist"); // a reload does not fill it in again
      load().catch(failed);
    });
    sections.push(form.element);
    if (prefilled) setTimeout(() => {
      form.element.scrollIntoView({ block: "start" });
      form.focus();
    });
  }
  sections.push(exporter.element);
  if (ctx.canEdit) sections.push(importSection(() => load().catch(failed)));

  const element = h("section", { class: "mutelist" },
    h("h2", {}, "Mutelist"),
    h("p", { class: "muted" }, "A rule accepts matching Fail results: from the next scan they are Muted, kept with the rule's reason but not counted as risks nor notified. ",
      ctx.canEdit ? "" : h("b", { "data-testid": "read-only-note" }, "You can read the rules; editors and admins change them.")),
    h("div", { class: "card" }, h("h3", {}, "Rules"), list),
    ...sections);
  load().catch(failed);
  return { element, leave: exporter.leave };
}
