import { autocompletion } from "@codemirror/autocomplete";
import { javascript } from "@codemirror/lang-javascript";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { EditorView, basicSetup } from "codemirror";
import { api, ApiError, catalog, Catalog, Signature, streamEvents } from "../api";
import { setCompletionProvider, signetCompletions } from "../completions";
import { append, clear, confirmDialog, h, levelBadge, statusBadge, toast } from "../dom";
import { go, type Context } from "../main";

type Fields = Record<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;

const textFields: [string, string, "input" | "textarea", boolean][] = [
  ["description", "Description", "input", true],
  ["pageDetail", "Page detail (Markdown: why it matters)", "textarea", false],
  ["passMessage", "Pass message", "input", true],
  ["failMessage", "Fail message", "input", true],
  ["remediationSteps", "Remediation steps (Markdown, numbered)", "textarea", false],
  ["group", "Group", "input", false],
];

export function editorPage(ctx: Context, id: string | null): { element: HTMLElement; leave: () => void } {
  const fields: Fields = {};
  const errors: Record<string, HTMLElement> = {};
  const formError = h("p", { class: "error", role: "alert", "data-testid": "form-error" });
  const title = h("h2", {}, id ? id : "Add New Signature");
  const consoleOut = h("pre", { class: "console", "data-testid": "console" });
  const checkerBody = h("tbody");
  const summary = h("p", { class: "summary", "data-testid": "test-summary" });
  // The last Test run's recording: its apiCaller answers and resources, to test offline with
  // `signet test --resources RESOURCES --responses CALLS`.
  const downloads = h("span", { class: "downloads", "data-testid": "test-downloads" });
  let downloadUrls: string[] = [];
  const releaseDownloads = () => {
    for (const url of downloadUrls) URL.revokeObjectURL(url);
    downloadUrls = [];
    clear(downloads);
  };
  const offerRecording = (recording: { calls: unknown; resources: unknown }) => {
    releaseDownloads();
    const link = (what: unknown, file: string, testid: string, label: string) => {
      const url = URL.createObjectURL(new Blob([JSON.stringify(what, null, 1) + "\n"], { type: "application/json" }));
      downloadUrls.push(url);
      return h("a", { class: "button small secondary", href: url, download: file, "data-testid": testid,
        title: "Replay offline: signet test SIG.js --resources signet-test-resources.json --responses signet-test-calls.json" }, label);
    };
    append(downloads, "Recorded: ",
      link(recording.calls, "signet-test-calls.json", "download-calls", "calls"), " ",
      link(recording.resources, "signet-test-resources.json", "download-resources", "resources"));
  };
  const testButton = h("button", { "data-testid": "test-button", disabled: !ctx.canEdit }, "Test");
  const saveButton = h("button", { "data-testid": "save-button", disabled: !ctx.canEdit }, "Save");
  let readOnly = !ctx.canEdit;
  let abort: AbortController | null = null;
  let view: EditorView;

  const fieldBox = (name: string, label: string, control: HTMLElement, required = false) => {
    errors[name] = h("span", { class: "field-error", "data-field-error": name });
    return h("label", { class: `field field-${name}` }, h("span", { class: "label" }, label, required ? h("span", { class: "req" }, " *") : null), control, errors[name]);
  };
  const select = (name: string, options: [string, string][], disabledValues: string[] = []) => {
    const el = h("select", { name, "data-field": name }, ...options.map(([value, label]) => h("option", { value, disabled: disabledValues.includes(value) }, label)));
    fields[name] = el;
    return el;
  };

  const form = h("form", { class: "meta card", "data-testid": "meta-form" });
  form.addEventListener("submit", (e) => e.preventDefault());
  const tabConsole = h("button", { class: "tab active", "data-testid": "tab-console" }, "Console");
  const tabChecker = h("button", { class: "tab", "data-testid": "tab-checker" }, "Resource Checker");
  const consolePanel = h("div", { class: "panel" }, consoleOut);
  const checkerPanel = h("div", { class: "panel hidden" },
    h("table", { "data-testid": "resource-checker" },
      h("thead", {}, h("tr", {}, ...["Service", "Region", "VPC", "Resource", "Status", "Message"].map((c) => h("th", {}, c)))), checkerBody));
  const showTab = (which: "console" | "checker") => {
    tabConsole.classList.toggle("active", which === "console");
    tabChecker.classList.toggle("active", which === "checker");
    consolePanel.classList.toggle("hidden", which !== "console");
    checkerPanel.classList.toggle("hidden", which !== "checker");
  };
  tabConsole.addEventListener("click", () => showTab("console"));
  tabChecker.addEventListener("click", () => showTab("checker"));

  const editorHost = h("div", { class: "code", "data-testid": "code-editor" });
  const element = h("section", { class: "editor-page" },
    h("div", { class: "toolbar" }, h("a", { href: "#/signatures", class: "link" }, "← Custom Signatures"), title, h("div", { class: "spacer" }),
      testButton, saveButton),
    formError,
    h("div", { class: "editor-grid" }, form,
      h("div", { class: "code-column" }, h("h3", {}, "JavaScript Code Editor"), editorHost,
        h("div", { class: "results card" }, h("div", { class: "tabbar" }, tabConsole, tabChecker, summary, downloads), consolePanel, checkerPanel))));

  // The Meta form; what it returns refreshes the choices that hang on a field just filled in
  // (a provider's services, a service's resource types).
  function buildForm(cat: Catalog) {
    const allServices = [...new Set(Object.values(cat.services).flatMap((of) => Object.keys(of)))].sort();
    const text = (name: string, label: string, kind: "input" | "textarea", required: boolean) => {
      const el = kind === "input" ? h("input", { name, "data-field": name, type: "text" }) : h("textarea", { name, "data-field": name, rows: 3 });
      fields[name] = el;
      return fieldBox(name, label, el, required);
    };
    const serviceSelect = select("service", [["", "Choose a service"]]);
    const typeSelect = select("resourceType", [["", "(the service's primary type)"]]);
    const providerSelect = select("provider", cat.providers.map((p): [string, string] => [p.name, p.supported ? p.name : `${p.name} (coming)`]),
      cat.providers.filter((p) => !p.supported).map((p) => p.name));
    const servicesOf = () => cat.services[providerSelect.value] || {};
    const fillTypes = () => {
      const current = typeSelect.value;
      clear(typeSelect);
      append(typeSelect, h("option", { value: "" }, "(the service's primary type)"),
        ...(servicesOf()[serviceSelect.value] || []).map((t) => h("option", { value: t.type }, t.cloudName ? `${t.type} (${t.cloudName})` : t.type)));
      typeSelect.value = [...typeSelect.options].some((o) => o.value === current) ? current : "";
    };
    const fillServices = () => {
      const current = serviceSelect.value;
      const names = Object.keys(servicesOf()).sort();
      clear(serviceSelect);
      append(serviceSelect, h("option", { value: "" }, "Choose a service"), ...names.map((n) => h("option", { value: n }, n)));
      serviceSelect.value = names.includes(current) ? current : "";
      setCompletionProvider(providerSelect.value);
      fillTypes();
    };
    providerSelect.addEventListener("change", fillServices);
    serviceSelect.addEventListener("change", () => {
      fillTypes();
      if (!fields.category.value) fields.category.value = serviceSelect.value;
    });
    const compliance = h("input", { name: "compliance", "data-field": "compliance", type: "text", placeholder: "CIS-AWS-3.0:1.10, ..." });
    fields.compliance = compliance;
    const enabled = h("input", { name: "enabled", "data-field": "enabled", type: "checkbox", checked: true });
    fields.enabled = enabled;
    const category = h("input", { name: "category", "data-field": "category", type: "text", list: "categories" });
    fields.category = category;
    append(form,
      h("h3", {}, "Signature Meta"),
      text(...textFields[0]),
      h("div", { class: "row" },
        fieldBox("provider", "Provider", providerSelect, true),
        fieldBox("service", "Service", serviceSelect, true)),
      h("div", { class: "row" },
        fieldBox("resourceType", "Resource type", typeSelect),
        fieldBox("riskLevel", "Risk level", select("riskLevel", [["", "Choose"], ...cat.riskLevels.map((l): [string, string] => [l, l])]), true)),
      h("div", { class: "row" },
        fieldBox("category", "Category", category),
        fieldBox("function", "Function", select("function", [["", "(none)"], ...cat.functions.map((f): [string, string] => [f, f])]))),
      h("datalist", { id: "categories" }, ...allServices.map((s) => h("option", { value: s }))),
      text(...textFields[2]), text(...textFields[3]), text(...textFields[1]), text(...textFields[4]),
      h("div", { class: "row" }, text(...textFields[5]), fieldBox("compliance", "Compliance (FRAMEWORK:CONTROL, comma-separated)", compliance)),
      fieldBox("enabled", "Enabled (scanned)", enabled));
    fillServices();
    return (name: string) => {
      if (name === "provider") fillServices();
      if (name === "service") fillTypes();
    };
  }

  function values(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, el] of Object.entries(fields)) {
      if (name === "enabled") out.enabled = (el as HTMLInputElement).checked;
      else if (name === "compliance") out.compliance = el.value.split(",").map((s) => s.trim()).filter(Boolean);
      else out[name] = el.value;
    }
    return out;
  }

  function fill(s: Partial<Signature>, filled: (name: string) => void) {
    // The provider first, then its service: each one's choices hang on the one before.
    const order = (name: string) => (name === "provider" ? 0 : name === "service" ? 1 : 2);
    for (const [name, el] of Object.entries(fields).sort(([a], [b]) => order(a) - order(b))) {
      const v = (s as Record<string, unknown>)[name];
      if (name === "enabled") (el as HTMLInputElement).checked = v !== false;
      else if (name === "compliance") el.value = Array.isArray(v) ? v.join(", ") : "";
      else if (typeof v === "string") el.value = v;
      filled(name);
    }
  }

  function showErrors(fieldErrors: Record<string, string>) {
    for (const [name, el] of Object.entries(errors)) {
      el.textContent = fieldErrors[name] || "";
      fields[name]?.classList.toggle("invalid", Boolean(fieldErrors[name]));
    }
    if (fieldErrors.code) {
      formError.textContent = `Code: ${fieldErrors.code}`;
      markSyntaxError(fieldErrors.code);
    }
  }

  function markSyntaxError(text: string) {
    const m = /\(signature\.js:(\d+):(\d+)\)/.exec(text);
    if (!m || !view) return;
    const line = view.state.doc.line(Math.min(Number(m[1]), view.state.doc.lines));
    const from = Math.min(line.from + Math.max(Number(m[2]) - 1, 0), line.to);
    view.dispatch(setDiagnostics(view.state, [{ from, to: Math.min(from + 1, line.to), severity: "error", message: text }]));
  }

  function clearResults() {
    releaseDownloads();
    consoleOut.textContent = "";
    clear(checkerBody);
    summary.textContent = "";
    formError.textContent = "";
    if (view) view.dispatch(setDiagnostics(view.state, []));
  }

  function consoleLine(text: string, kind = "log") {
    consoleOut.appendChild(h("div", { class: `line ${kind}` }, text));
  }

  async function runTest() {
    if (abort) abort.abort();
    abort = new AbortController();
    clearResults();
    showErrors({});
    testButton.disabled = true;
    testButton.textContent = "Testing…";
    const started = performance.now();
    let count = 0;
    try {
      await streamEvents("/api/tests", { metadata: values(), code: view.state.doc.toString() }, (event, data) => {
        if (event === "status") consoleLine(data.message, "info");
        else if (event === "resources") {
          count = data.count;
          consoleLine(`Testing on ${data.count} resource(s)`, "info");
          for (const p of data.listingProblems) consoleLine(`could not list ${p.type} in ${p.region}: ${p.message}`, "warn");
        } else if (event === "result") {
          const name = data.resource.name || data.resource.id;
          for (const line of data.console) consoleLine(`[${name}] ${line.level === "log" ? "" : line.level + ": "}${line.text}`, line.level);
          if (data.status === "Error") consoleLine(`[${name}] Error: ${data.message}`, "error");
          append(checkerBody, h("tr", { "data-testid": "checker-row", "data-status": data.status },
            h("td", {}, data.resource.service || "-"), h("td", {}, data.resource.region || "-"), h("td", {}, data.resource.vpc || "-"),
            h("td", {}, name), h("td", {}, statusBadge(data.status)), h("td", {}, data.message)));
          summary.textContent = `${checkerBody.children.length} of ${count} resources`;
        } else if (event === "syntaxError") {
          consoleLine(data.text, "error");
          formError.textContent = data.text;
          markSyntaxError(data.text);
        } else if (event === "recording") {
          offerRecording(data);
        } else if (event === "failed") {
          consoleLine(`The Test could not run: ${data.message}`, "error");
        } else if (event === "done") {
          const c = data.counts;
          summary.textContent = `${c.Pass} Pass · ${c.Fail} Fail · ${c.Error} Error in ${data.seconds.toFixed(2)} s (${data.apiCalls} API calls)`;
        }
      }, abort.signal);
    } catch (e) {
      if ((e as Error).name !== "AbortError") {
        if (e instanceof ApiError) showErrors(e.body.fields);
        consoleLine(`The Test could not run: ${(e as Error).message}`, "error");
      }
    } finally {
      testButton.disabled = readOnly;
      testButton.textContent = "Test";
      if (!checkerBody.children.length && performance.now() - started > 0) showTab("console");
    }
  }

  async function save() {
    showErrors({});
    formError.textContent = "";
    saveButton.disabled = true;
    try {
      const body = { ...values(), code: view.state.doc.toString() };
      const saved = await api<Signature>(id ? "PUT" : "POST", id ? `/api/signatures/${encodeURIComponent(id)}` : "/api/signatures", body);
      toast(`Saved ${saved.id}`);
      if (!id) go(`/signatures/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      if (e instanceof ApiError) {
        showErrors(e.body.fields);
        if (!e.body.fields.code) formError.textContent = e.message + (Object.keys(e.body.fields).length ? ": see the fields marked below" : "");
      } else formError.textContent = (e as Error).message;
    } finally {
      saveButton.disabled = readOnly;
    }
  }

  testButton.addEventListener("click", runTest);
  saveButton.addEventListener("click", save);

  (async () => {
    const cat = await catalog();
    const filled = buildForm(cat);
    let signature: Partial<Signature> = { provider: "aws", enabled: true, code: cat.template, service: "IAM", resourceType: "user" };
    if (id) signature = await api<Signature>("GET", `/api/signatures/${encodeURIComponent(id)}`);
    fill(signature, filled);
    if (signature.builtin) {
      readOnly = true;
      title.textContent = `${id} (built in: read-only; disable it, or copy its code into a new signature)`;
    }
    if (!ctx.canEdit) title.textContent = `${id ?? "New signature"} (read-only: your role is ${ctx.session.role})`;
    for (const el of Object.values(fields)) el.disabled = readOnly;
    testButton.disabled = readOnly;
    saveButton.disabled = readOnly;
    if (id && ctx.canEdit && !signature.builtin)
      element.querySelector(".toolbar")!.appendChild(h("button", { class: "danger", onclick: async () => {
        if (!(await confirmDialog(`Delete ${id}?`, "It will no longer be scanned. This cannot be undone.", "Delete"))) return;
        await api("DELETE", `/api/signatures/${encodeURIComponent(id)}`);
        toast(`Deleted ${id}`);
        go("/signatures");
      } }, "Delete"));
    if (signature.riskLevel) title.appendChild(h("span", {}, " ", levelBadge(signature.riskLevel)));
    view = new EditorView({
      parent: editorHost,
      state: EditorState.create({
        doc: signature.code || "",
        extensions: [
          basicSetup,
          javascript(),
          lintGutter(),
          autocompletion({ override: [signetCompletions], activateOnTyping: true }),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
        ],
      }),
    });
  })().catch((e) => (formError.textContent = (e as Error).message));

  return { element, leave: () => { if (abort) abort.abort(); releaseDownloads(); view?.destroy(); } };
}
