// Building the page from data. Every string becomes a text node, never HTML: whatever a
// signature's author typed (even "<script>") is shown, not run.
export type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "value" && "value" in el) (el as HTMLInputElement).value = String(value);
    else if (name === "checked" && "checked" in el) (el as HTMLInputElement).checked = Boolean(value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

// A modal question; resolves true when confirmed.
export function confirmDialog(title: string, text: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "dialog", "data-testid": "confirm-dialog" });
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    append(
      dialog,
      h("h3", {}, title),
      h("p", {}, text),
      h("div", { class: "actions" },
        h("button", { class: "secondary", onclick: () => done(false) }, "Cancel"),
        h("button", { class: "danger", onclick: () => done(true) }, confirmLabel)),
    );
    dialog.addEventListener("cancel", () => done(false));
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

export function toast(text: string, kind: "ok" | "error" = "ok"): void {
  let stack = document.querySelector(".toasts");
  if (!stack) document.body.appendChild((stack = h("div", { class: "toasts" })));
  const el = h("div", { class: `toast ${kind}`, role: "status" }, text);
  stack.appendChild(el);
  setTimeout(() => el.remove(), kind === "error" ? 8000 : 3500);
}

export function levelBadge(level: string): HTMLElement {
  return h("span", { class: `badge level-${String(level).toLowerCase()}` }, level);
}

export function statusBadge(status: string): HTMLElement {
  return h("span", { class: `badge status-${String(status).toLowerCase()}` }, status);
}

export function formatTime(iso: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d.getTime()) ? iso : d.toLocaleString();
}

// A paged list's answer from the API: one page of items and how many there are in all.
export interface Paged<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

// "101–200 of 2,345" with Previous / Next; `go` asks for the page at an offset.
export function pager(page: { total: number; offset: number; limit: number }, go: (offset: number) => void, testid = "pager"): HTMLElement {
  const first = page.total ? page.offset + 1 : 0;
  const last = Math.min(page.offset + page.limit, page.total);
  const fmt = (n: number) => n.toLocaleString("en");
  return h("div", { class: "pager", "data-testid": testid },
    h("button", { class: "secondary small", "data-testid": `${testid}-previous`, disabled: page.offset === 0,
      onclick: () => go(Math.max(0, page.offset - page.limit)) }, "‹ Previous"),
    h("span", { "data-testid": `${testid}-range` }, `${fmt(first)}–${fmt(last)} of ${fmt(page.total)}`),
    h("button", { class: "secondary small", "data-testid": `${testid}-next`, disabled: last >= page.total,
      onclick: () => go(page.offset + page.limit) }, "Next ›"));
}
