// apiCaller completions of the signature's provider: for AWS from the embedded models, for
// Azure from its resource catalog (namespaces, and each one's listing paths), for Google
// Cloud from the Discovery documents (APIs, methods and their parameters): service names
// after `service:`, endpoints after `endpoint:` (of the service named before it), and
// parameter names inside `params: { ... }` (of that endpoint); `lib.` members with their
// signatures and one-line docs (from the library's own source, through /api/catalog); plus
// the signature's own vocabulary.
import type { Completion, CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { api, catalog, type LibMember } from "./api";

interface Operation {
  name: string;
  type?: string;  // Azure: the resource type the path lists
  paginated: boolean;
  params: { name: string; type: string; required: boolean }[];
}

// The provider whose calls the editor completes: the Meta form's choice (editor.ts sets it).
let provider = "aws";
export function setCompletionProvider(name: string) {
  provider = name || "aws";
}

const services = new Map<string, Promise<string[]>>();
const operations = new Map<string, Promise<Operation[]>>();

function serviceNames(): Promise<string[]> {
  const p = provider;
  if (!services.has(p))
    services.set(p, api<{ services: string[] }>("GET", `/api/${p}/services`).then((a) => a.services).catch(() => (services.delete(p), [])));
  return services.get(p)!;
}

function operationsOf(service: string): Promise<Operation[]> {
  const key = provider + "/" + service.toLowerCase();
  if (!operations.has(key))
    operations.set(key, api<{ operations: Operation[] }>("GET", `/api/${provider}/services/${encodeURIComponent(service)}`)
      .then((a) => a.operations).catch(() => (operations.delete(key), [])));
  return operations.get(key)!;
}

// What a service and an endpoint may hold: AWS names ("IAM", "listUsers"), Azure namespaces
// and paths ("Microsoft.Storage", "{id}/blobServices").
const serviceChars = "[\\w.-]";
const endpointChars = "[\\w./{}-]";

let libMembers: Promise<LibMember[]> | null = null;
function libDocs(): Promise<LibMember[]> {
  if (!libMembers) libMembers = catalog().then((c) => c.lib ?? []).catch(() => ((libMembers = null), []));
  return libMembers;
}

// The members directly under `prefix` ("lib", "lib.iam"): functions show their parameters
// and what they return, namespaces and data what they hold.
async function libCompletions(prefix: string): Promise<Completion[]> {
  const members = (await libDocs()).filter((m) => m.name.startsWith(prefix + ".") && !m.name.slice(prefix.length + 1).includes("."));
  return members.map((m) => {
    const label = m.name.slice(prefix.length + 1);
    const namespace = m.kind === "value" && prefix === "lib";
    return {
      label,
      type: m.kind === "function" ? "function" : namespace ? "namespace" : "constant",
      detail: m.signature.slice(m.name.length) || (namespace ? "namespace" : ""),
      info: m.doc + (m.example ? `\ne.g. ${m.example}` : ""),
    };
  });
}

function lastMatch(text: string, re: RegExp): string | null {
  let found: string | null = null;
  for (const m of text.matchAll(re)) found = m[1];
  return found;
}

const resourceFields: Completion[] = ["id", "name", "arn", "accountId", "provider", "service", "type", "region", "vpc", "tags", "data"]
  .map((label) => ({ label, type: "property", detail: "resource" }));

const snippets: Completion[] = [
  { label: "apiCaller", type: "function", detail: "(request) => Promise<CallResult[][]>",
    apply: 'apiCaller({ service: "", serviceParams: { region: [resource.region] }, endpoint: "", params: {} })' },
  { label: "statusSig", type: "property", detail: "true = Pass, false = Fail" },
  { label: "statusMessage", type: "property", detail: "shown in the Resource Checker" },
  { label: "serviceParams", type: "property", detail: "{ apiVersion?, region }" },
  { label: "apiResponse", type: "property", detail: "the call's answer" },
  { label: "console", type: "variable" },
  { label: "lib", type: "variable", detail: "Signet's helper library", info: "The third argument: lib.iam, lib.net, lib.arn, lib.time, lib.cloudwatch, lib.s3, lib.azure, lib.entra, lib.gcp" },
];

export async function signetCompletions(context: CompletionContext): Promise<CompletionResult | null> {
  const before = context.state.doc.sliceString(0, context.pos);
  // Inside a string after `service:` or `endpoint:`.
  const inString = new RegExp(`(service|endpoint)\\s*:\\s*["'\`](${endpointChars}*)$`).exec(before);
  if (inString) {
    const from = context.pos - inString[2].length;
    if (inString[1] === "service") {
      const [names, known] = await Promise.all([serviceNames(), catalog()]);
      const detail = (known.providers.find((p) => p.name === provider)?.title ?? provider) + " service";
      return { from, options: names.map((n) => ({ label: n, type: "class", detail })), validFor: new RegExp(`^${serviceChars}*$`) };
    }
    const service = lastMatch(before, new RegExp(`service\\s*:\\s*["'\`](${serviceChars}+)["'\`]`, "g"));
    if (!service) return null;
    const ops = await operationsOf(service);
    return {
      from,
      options: ops.map((o) => ({ label: o.name, type: "method", detail: `${service}${o.type ? " · " + o.type : ""}${o.paginated ? " · all pages" : ""}`,
        info: o.params.length ? "params: " + o.params.map((p) => p.name + (p.required ? "*" : "")).join(", ") : "no params" })),
      validFor: new RegExp(`^${endpointChars}*$`),
    };
  }
  // `lib.` and `lib.iam.`: lib's members.
  const libPath = /(?:^|[^\w$.])lib((?:\.\w+)*)\.(\w*)$/.exec(before);
  if (libPath) {
    const options = await libCompletions("lib" + libPath[1]);
    if (options.length) return { from: context.pos - libPath[2].length, options, validFor: /^\w*$/ };
  }
  const word = context.matchBefore(/[\w$]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  // A parameter name inside `params: { ... }`.
  const openParams = before.lastIndexOf("params");
  if (openParams >= 0 && /params\s*:\s*\[?\s*\{[^{}]*$/.test(before.slice(openParams))) {
    const service = lastMatch(before, new RegExp(`service\\s*:\\s*["'\`](${serviceChars}+)["'\`]`, "g"));
    const endpoint = lastMatch(before, new RegExp(`endpoint\\s*:\\s*["'\`](${endpointChars}+)["'\`]`, "g"));
    if (service && endpoint) {
      const op = (await operationsOf(service)).find((o) => o.name.toLowerCase() === endpoint.toLowerCase());
      if (op)
        return { from: word.from, options: op.params.map((p) => ({ label: p.name, type: "property", detail: p.type + (p.required ? " · required" : ""), boost: p.required ? 1 : 0 })), validFor: /^\w*$/ };
    }
  }
  if (/resource\.\w*$/.test(before)) return { from: word.from, options: resourceFields, validFor: /^\w*$/ };
  return { from: word.from, options: snippets, validFor: /^\w*$/ };
}
