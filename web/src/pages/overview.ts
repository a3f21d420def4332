// The Overview above the risks: open risks by level over the last scans, by account, by
// service, and the signatures failing most. Plain SVG; readable without colour: each level
// has its own fill pattern (and, on the trend, its own line dash and marker shape), values
// are written on the bars, series are labelled directly, every chart has a <title> and an
// aria-label, and the numbers are in a table under each chart.
import { append, h } from "../dom";

export interface Overview {
  trend: { scanId: number; finishedAt: string; account: string; High: number; Medium: number; Low: number }[];
  byAccount: { account: string; accountId: string | null; High: number; Medium: number; Low: number }[];
  byService: { service: string; High: number; Medium: number; Low: number }[];
  topSignatures: { signatureId: string; description: string; riskLevel: string; failing: number }[];
}

const LEVELS = ["High", "Medium", "Low"] as const;
type Level = (typeof LEVELS)[number];
const COLOR: Record<Level, string> = { High: "#c62828", Medium: "#e08a00", Low: "#2e7d32" };
const DASH: Record<Level, string | null> = { High: null, Medium: "6 3", Low: "2 3" };
const NS = "http://www.w3.org/2000/svg";
let instance = 0;

// An SVG element; strings become text nodes, as with h().
function s(tag: string, attrs: Record<string, string | number | null | undefined> = {}, ...children: (Node | string | number | null)[]): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null) el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  return el as SVGElement;
}

// Patterns: High diagonal stripes, Medium dots, Low plain (lighter), on the level's colour.
function patterns(prefix: string): SVGElement {
  return s("defs", {},
    s("pattern", { id: `${prefix}-High`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      s("rect", { width: 6, height: 6, fill: COLOR.High }), s("rect", { width: 2, height: 6, fill: "#fff", opacity: 0.55 })),
    s("pattern", { id: `${prefix}-Medium`, width: 6, height: 6, patternUnits: "userSpaceOnUse" },
      s("rect", { width: 6, height: 6, fill: COLOR.Medium }), s("circle", { cx: 3, cy: 3, r: 1.3, fill: "#fff", opacity: 0.7 })),
    s("pattern", { id: `${prefix}-Low`, width: 6, height: 6, patternUnits: "userSpaceOnUse" },
      s("rect", { width: 6, height: 6, fill: COLOR.Low })));
}

function marker(level: Level, x: number, y: number): SVGElement {
  if (level === "High") return s("circle", { cx: x, cy: y, r: 3.5, fill: COLOR.High });
  if (level === "Medium") return s("rect", { x: x - 3.5, y: y - 3.5, width: 7, height: 7, fill: COLOR.Medium });
  return s("path", { d: `M${x} ${y - 4.5} L${x + 4.5} ${y + 3.5} L${x - 4.5} ${y + 3.5} Z`, fill: COLOR.Low });
}

function legend(prefix: string, lines: boolean): HTMLElement {
  return h("div", { class: "legend", "aria-hidden": "true" }, ...LEVELS.map((level) => {
    const svg = s("svg", { width: lines ? 28 : 14, height: 14, viewBox: lines ? "0 0 28 14" : "0 0 14 14" });
    if (lines) append(svg, s("line", { x1: 1, y1: 7, x2: 27, y2: 7, stroke: COLOR[level], "stroke-width": 2, "stroke-dasharray": DASH[level] }), marker(level, 14, 7));
    else append(svg, s("rect", { width: 14, height: 14, fill: `url(#${prefix}-${level})` }));
    return h("span", { class: "legend-item" }, svg as unknown as Node, level);
  }));
}

function dataTable(caption: string, head: string[], rows: (string | number)[][]): HTMLElement {
  return h("details", { class: "chart-data" }, h("summary", {}, "Numbers"),
    h("table", { class: "small" }, h("caption", { class: "hidden" }, caption),
      h("thead", {}, h("tr", {}, ...head.map((c) => h("th", {}, c)))),
      h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c)))))));
}

function card(testid: string, title: string, ...body: (Node | null)[]): HTMLElement {
  return h("figure", { class: "chart card", "data-testid": testid }, h("figcaption", {}, title), ...body);
}

function svgChart(label: string, width: number, height: number): SVGElement {
  return s("svg", { role: "img", "aria-label": label, viewBox: `0 0 ${width} ${height}`, width, height }, s("title", {}, label));
}

// Open risks by level after each scan: three lines, dashed differently, with a marker shape
// each, labelled at their end with the level and the latest number.
function trendChart(data: Overview["trend"], prefix: string): HTMLElement {
  const last = data[data.length - 1];
  const label = data.length
    ? `Open risks by level over the last ${data.length} scans; now ${LEVELS.map((l) => `${last[l]} ${l}`).join(", ")}`
    : "Open risks by level over the last scans: no scan yet";
  const W = 540, H = 190, left = 34, right = 92, top = 12, bottom = 34;
  const svg = svgChart(label, W, H);
  const max = Math.max(1, ...data.flatMap((p) => LEVELS.map((l) => p[l])));
  const x = (i: number) => left + (data.length <= 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (data.length - 1));
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  for (const v of [0, Math.round(max / 2), max])
    append(svg, s("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), stroke: "#e2e5eb" }),
      s("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, v));
  data.forEach((p, i) => {
    const g = s("g", { class: "trend-scan", "data-account": p.account, "data-scan": p.scanId },
      s("title", {}, `Scan #${p.scanId} (${p.account}): ${LEVELS.map((l) => `${p[l]} ${l}`).join(", ")}`));
    // Scan numbers under the points (every few when many); account names when they fit.
    if (data.length <= 14 || i % Math.ceil(data.length / 14) === 0 || i === data.length - 1)
      append(g, s("text", { x: x(i), y: H - bottom + 14, "text-anchor": "middle", class: "axis" }, `#${p.scanId}`));
    if (data.length <= 6)
      append(g, s("text", { x: x(i), y: H - bottom + 26, "text-anchor": "middle", class: "axis" }, p.account.length > 12 ? p.account.slice(0, 11) + "…" : p.account));
    append(svg, g);
  });
  const ends: { level: Level; y: number }[] = [];
  for (const level of LEVELS) {
    if (!data.length) break;
    const points = data.map((p, i) => `${x(i)},${y(p[level])}`).join(" ");
    append(svg, s("polyline", { points, fill: "none", stroke: COLOR[level], "stroke-width": 2, "stroke-dasharray": DASH[level], class: `series series-${level}` }));
    data.forEach((p, i) => append(svg, marker(level, x(i), y(p[level]))));
    ends.push({ level, y: y(last[level]) });
  }
  // Direct labels at the lines' ends, pushed apart so they never overlap.
  ends.sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) if (ends[i].y - ends[i - 1].y < 13) ends[i].y = ends[i - 1].y + 13;
  for (const e of ends)
    append(svg, s("text", { x: x(data.length - 1) + 8, y: e.y + 4, class: "series-label", "data-level": e.level, fill: "#1d2330" }, `${e.level} ${last[e.level]}`));
  return card("chart-trend", "Open risks over the last scans", legend(prefix, true), svg as unknown as Node,
    dataTable("Open risks after each scan", ["Scan", "Account", "Finished", ...LEVELS], data.map((p) => [`#${p.scanId}`, p.account, p.finishedAt, p.High, p.Medium, p.Low])));
}

// Horizontal bars stacked by level, each segment patterned and carrying its number, the
// total at the bar's end.
function stackedBars(testid: string, title: string, label: string, rows: { name: string; counts: Record<Level, number> }[], prefix: string): HTMLElement {
  const shown = rows.slice(0, 10);
  const W = 540, row = 22, top = 4;
  const labelW = Math.min(230, 16 + 6.4 * Math.max(4, ...shown.map((r) => Math.min(r.name.length, 32))));
  const H = top + Math.max(1, shown.length) * row + 4;
  const svg = svgChart(label, W, H);
  append(svg, patterns(prefix));
  const max = Math.max(1, ...shown.map((r) => LEVELS.reduce((t, l) => t + r.counts[l], 0)));
  const scale = (W - labelW - 40) / max;
  if (!shown.length) append(svg, s("text", { x: 8, y: 18, class: "axis" }, "No open risks."));
  shown.forEach((r, i) => {
    const yy = top + i * row;
    const total = LEVELS.reduce((t, l) => t + r.counts[l], 0);
    const g = s("g", { class: "bar", "data-name": r.name }, s("title", {}, `${r.name}: ${LEVELS.map((l) => `${r.counts[l]} ${l}`).join(", ")}`),
      s("text", { x: labelW - 6, y: yy + 15, "text-anchor": "end", class: "bar-label" }, r.name.length > 32 ? r.name.slice(0, 31) + "…" : r.name));
    let at = labelW;
    for (const level of LEVELS) {
      const n = r.counts[level];
      if (!n) continue;
      const w = n * scale;
      append(g, s("rect", { x: at, y: yy + 3, width: w, height: row - 6, fill: `url(#${prefix}-${level})`, "data-level": level }));
      if (w >= 18) {
        append(g, s("rect", { x: at + w / 2 - 9, y: yy + 5, width: 18, height: row - 10, rx: 3, fill: "#fff", opacity: 0.85 }),
          s("text", { x: at + w / 2, y: yy + 15, "text-anchor": "middle", class: "value", "data-level": level }, n));
      }
      at += w;
    }
    append(g, s("text", { x: at + 5, y: yy + 15, class: "value total" }, total));
    append(svg, g);
  });
  return card(testid, title, legend(prefix, false), svg as unknown as Node,
    dataTable(title, ["", ...LEVELS, "Total"], rows.map((r) => [r.name, r.counts.High, r.counts.Medium, r.counts.Low, LEVELS.reduce((t, l) => t + r.counts[l], 0)])));
}

// The signatures failing on most resources, one bar each in its level's pattern, the count at its end.
function signaturesChart(data: Overview["topSignatures"], prefix: string): HTMLElement {
  const label = data.length ? `The ${data.length} signatures failing most: ${data.map((d) => `${d.signatureId} ${d.failing}`).join(", ")}` : "No failing signature";
  const W = 540, labelW = 120, row = 22, top = 4;
  const H = top + Math.max(1, data.length) * row + 4;
  const svg = svgChart(label, W, H);
  append(svg, patterns(prefix));
  const max = Math.max(1, ...data.map((d) => d.failing));
  const scale = (W - labelW - 90) / max;
  if (!data.length) append(svg, s("text", { x: 8, y: 18, class: "axis" }, "No failing signature."));
  data.forEach((d, i) => {
    const yy = top + i * row;
    const level = (LEVELS as readonly string[]).includes(d.riskLevel) ? (d.riskLevel as Level) : "Low";
    const w = d.failing * scale;
    const link = s("a", { href: `#/risks?signature=${encodeURIComponent(d.signatureId)}` },
      s("text", { x: labelW - 6, y: yy + 15, "text-anchor": "end", class: "bar-label link" }, d.signatureId));
    append(svg, s("g", { class: "bar", "data-name": d.signatureId }, s("title", {}, `${d.signatureId} (${d.riskLevel}): ${d.description}, failing on ${d.failing}`), link,
      s("rect", { x: labelW, y: yy + 3, width: w, height: row - 6, fill: `url(#${prefix}-${level})` }),
      s("text", { x: labelW + w + 5, y: yy + 15, class: "value" }, d.failing),
      s("text", { x: labelW + w + 28, y: yy + 15, class: "axis" }, d.riskLevel)));
  });
  return card("chart-signatures", "Signatures failing most", legend(prefix, false), svg as unknown as Node,
    dataTable("Signatures failing most", ["Signature", "Description", "Level", "Failing"], data.map((d) => [d.signatureId, d.description, d.riskLevel, d.failing])));
}

export function overviewCharts(o: Overview): HTMLElement {
  const prefix = `ov${++instance}`;
  const counts = (r: { High: number; Medium: number; Low: number }) => ({ High: r.High, Medium: r.Medium, Low: r.Low });
  const accounts = o.byAccount.map((a) => ({ name: a.accountId && a.accountId !== a.account ? `${a.account} (${a.accountId})` : a.account || "default", counts: counts(a) }));
  const services = o.byService.map((v) => ({ name: v.service, counts: counts(v) }));
  const describe = (what: string, rows: { name: string; counts: Record<Level, number> }[]) =>
    rows.length ? `Open risks by ${what}: ${rows.map((r) => `${r.name} ${r.counts.High} High, ${r.counts.Medium} Medium, ${r.counts.Low} Low`).join("; ")}` : `Open risks by ${what}: none`;
  return h("section", { class: "overview", "data-testid": "overview", "aria-label": "Overview" },
    trendChart(o.trend, `${prefix}t`),
    stackedBars("chart-accounts", "Open risks by account", describe("account", accounts), accounts, `${prefix}a`),
    stackedBars("chart-services", "Open risks by service", describe("service", services), services, `${prefix}s`),
    signaturesChart(o.topSignatures, `${prefix}g`));
}
