// The web console in a real browser: Debian's chromium driven by playwright-core, against
// `signet demo --serve` (moto seeded with the demo account, scanned once). Screenshots of
// each page go to $SIGNET_ARTIFACTS (default web/test-artifacts).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const signet = process.env.SIGNET_BIN || path.resolve(here, "../../build/signet");
const artifacts = process.env.SIGNET_ARTIFACTS || path.resolve(here, "../test-artifacts");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

let server, base, adminPassword, browser, dataDir;
const viewerPassword = "viewer password 123";

function startDemo() {
  dataDir = mkdtempSync(path.join(tmpdir(), "signet-web-"));
  server = spawn(signet, ["demo", "--serve", "--listen", "127.0.0.1:0", "--db", path.join(dataDir, "signet.db"), "--workers", "2"],
    { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("signet demo --serve did not start in 240 s:\n" + output)), 240000);
    const onData = (chunk) => {
      output += chunk;
      const password = /Sign in as admin with password (\S+)/.exec(output);
      const url = /Web console at (http:\/\/\S+?)\/?\s/.exec(output);
      if (password && url) {
        clearTimeout(timer);
        adminPassword = password[1];
        base = url[1];
        resolve();
      }
    };
    server.stdout.on("data", onData);
    server.stderr.on("data", (chunk) => (output += chunk));
    server.on("exit", (code) => reject(new Error(`signet demo exited with ${code}:\n${output}`)));
  });
}

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  page.on("dialog", (d) => {
    page.__dialogs = (page.__dialogs || 0) + 1;
    d.dismiss();
  });
  return page;
}

async function signIn(page, user, password) {
  await page.goto(base + "/");
  await page.waitForSelector("form.signin");
  await page.fill("input[name=username]", user);
  await page.fill("input[name=password]", password);
  await page.click("form.signin button[type=submit]");
  await page.waitForSelector("[data-testid=whoami]");
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

// Replaces the code in the CodeMirror editor, as typing would (no completion pop-ups).
async function setCode(page, code) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

async function apiAs(page, method, url, body) {
  return page.evaluate(async ({ method, url, body }) => {
    const session = await (await fetch("/api/session")).json();
    const res = await fetch(url, { method, headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }, { method, url, body });
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  await startDemo();
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: flags });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a stranger is sent to sign-in and a wrong password is refused", async () => {
  const page = await newPage();
  await page.goto(base + "/#/risks");
  await page.waitForSelector("form.signin");
  await page.fill("input[name=username]", "admin");
  await page.fill("input[name=password]", "not the password");
  await page.click("form.signin button[type=submit]");
  await page.waitForFunction(() => document.querySelector("[data-testid=signin-error]")?.textContent.includes("wrong user name or password"));
  await shot(page, "01-sign-in");
  await page.context().close();
});

test("sign in, write the MFA signature, Test it, break it, Save it, scan, and find its risks", async () => {
  const page = await newPage();
  await signIn(page, "admin", adminPassword);
  // The demo's first scan is on the Risks page.
  await page.waitForSelector("[data-testid=risks-table]");
  const high = Number(await page.textContent("[data-testid=count-High] .number"));
  assert.ok(high > 0, "the demo account has High risks");
  await shot(page, "02-risks");

  await page.click("[data-testid=custom-signatures-tab]");
  await page.click("[data-testid=add-signature]");
  await page.waitForSelector(".cm-content");
  await page.fill("[data-field=description]", "Ensure MFA is enabled for all IAM users that have a password");
  await page.selectOption("[data-field=service]", "IAM");
  await page.selectOption("[data-field=resourceType]", "user");
  await page.selectOption("[data-field=riskLevel]", "High");
  await page.selectOption("[data-field=function]", "Access Control");
  await page.fill("[data-field=passMessage]", "MFA is enabled");
  await page.fill("[data-field=failMessage]", "MFA is not enabled");
  await page.fill("[data-field=remediationSteps]", "1. Open the IAM console\n2. Assign an MFA device to the user");
  await page.fill("[data-field=compliance]", "CIS-AWS-3.0:1.10");
  // The spec's example, with a console line per user.
  await setCode(page, `module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({
    service: "IAM",
    serviceParams: { apiVersion: "2010-05-08", region: [resource.region] },
    endpoint: "listMFADevices",
    params: { UserName: resource.name },
  });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  console.log(resource.name, "has", apiResponse.length, "MFA device(s)");
  if (apiResponse.length === 0) return { statusSig: false, statusMessage: "MFA is not enabled" };
  return { statusSig: true, statusMessage: "MFA is enabled" };
};
`);
  await page.click("[data-testid=test-button]");
  await page.waitForFunction(() => /Pass · \d+ Fail/.test(document.querySelector("[data-testid=test-summary]")?.textContent || ""), null, { timeout: 90000 });
  const consoleText = await page.textContent("[data-testid=console]");
  assert.match(consoleText, /has \d MFA device\(s\)/);
  const statuses = await page.$$eval("[data-testid=checker-row]", (rows) => rows.map((r) => r.dataset.status));
  assert.ok(statuses.includes("Pass"), `a user with MFA passes: ${statuses}`);
  assert.ok(statuses.includes("Fail"), `a user without MFA fails: ${statuses}`);
  assert.ok(!statuses.includes("Error"), `no errors: ${statuses}`);
  // The run's recording, offered as two downloads: every apiCaller answer, and the resources.
  const downloaded = async (testid) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid=${testid}]`)]);
    return { name: download.suggestedFilename(), json: JSON.parse(readFileSync(await download.path(), "utf8")) };
  };
  const calls = await downloaded("download-calls");
  assert.equal(calls.name, "signet-test-calls.json");
  const recordedUsers = calls.json.calls.filter((c) => c.endpoint === "ListMFADevices").map((c) => c.params.UserName);
  const resources = await downloaded("download-resources");
  assert.equal(resources.name, "signet-test-resources.json");
  const testedUsers = resources.json.resources.map((r) => r.name);
  assert.equal(testedUsers.length, statuses.length, "every tested resource is in the download");
  assert.deepEqual([...recordedUsers].sort(), [...testedUsers].sort(), "one recorded ListMFADevices answer per user");
  assert.ok(calls.json.calls.every((c) => Array.isArray(c.apiResponse) || c.error), "each call has its answer");
  await shot(page, "03-editor-console");
  await page.click("[data-testid=tab-checker]");
  const header = await page.$$eval("[data-testid=resource-checker] th", (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(header, ["Service", "Region", "VPC", "Resource", "Status", "Message"]);
  await shot(page, "04-editor-resource-checker");

  // Break it: the syntax error says where.
  await setCode(page, "module.exports = async function (apiCaller, resource) {\n  return { statusSig: true ;\n};\n");
  await page.click("[data-testid=test-button]");
  await page.waitForFunction(() => /SyntaxError/.test(document.querySelector("[data-testid=console]")?.textContent || ""));
  const error = await page.textContent("[data-testid=form-error]");
  assert.match(error, /SyntaxError: .*\(signature\.js:2:\d+\)/);
  await page.waitForSelector(".cm-lint-marker-error");
  await shot(page, "05-editor-syntax-error");
  // Save refuses broken code, and a missing description, by field.
  await page.fill("[data-field=description]", "");
  await page.click("[data-testid=save-button]");
  await page.waitForFunction(() => document.querySelector("[data-field-error=description]")?.textContent.includes("required"));
  assert.match(await page.textContent("[data-testid=form-error]"), /signature\.js:2/);
  await shot(page, "06-editor-save-refused");

  // Fix both and Save.
  await page.fill("[data-field=description]", "Ensure MFA is enabled for all IAM users that have a password");
  await setCode(page, `module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.length === 0 ? { statusSig: false, statusMessage: "MFA is not enabled" } : { statusSig: true, statusMessage: "MFA is enabled" };
};
`);
  await page.click("[data-testid=save-button]");
  await page.waitForFunction(() => location.hash === "#/signatures/CUSTOM-0001");
  await page.goto(base + "/#/signatures");
  await page.waitForSelector("[data-testid=signature-row][data-id=CUSTOM-0001]");
  await shot(page, "07-custom-signatures");
  // The built-ins come a page at a time, searched by the server.
  await page.goto(base + "/#/signatures?builtin=1");
  await page.waitForSelector("[data-testid=signatures-pager-range]");
  const range = await page.textContent("[data-testid=signatures-pager-range]");
  assert.match(range, /^1–100 of [0-9,]+$/, range);
  assert.equal(await page.$$eval("[data-testid=signature-row]", (rows) => rows.length), 100);
  await page.fill("[data-testid=signature-search]", "AWS-KMS-00");
  await page.waitForFunction(() => !/^1–100 /.test(document.querySelector("[data-testid=signatures-pager-range]")?.textContent || "1–100 "));
  const kms = await page.$$eval("[data-testid=signature-row]", (rows) => rows.map((r) => r.getAttribute("data-id")));
  assert.ok(kms.length > 0 && kms.every((id) => id.startsWith("AWS-KMS-00")), kms.join(","));

  // Scan, and find the new signature's risks.
  // The demo scanned its four accounts; a scan of all of them adds one complete row each.
  await page.goto(base + "/#/scans");
  await page.waitForSelector("[data-testid=scan-row]");
  const before = await page.$$eval("[data-testid=scan-row][data-status=complete]", (rows) => rows.length);
  await page.click("[data-testid=start-scan]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=scan-row][data-status=complete]").length > n, before, { timeout: 240000 });
  const accountsShown = await page.$$eval("[data-testid=scan-account]", (cells) => cells.map((c) => c.textContent));
  assert.ok(accountsShown.some((a) => a.startsWith("member-1")), `each scan names its account: ${accountsShown}`);
  await shot(page, "08-scans");
  await page.goto(base + "/#/risks?q=" + encodeURIComponent("Ensure MFA is enabled for all IAM users"));
  await page.waitForSelector("[data-testid=risk-row]");
  const rows = await page.$$eval("[data-testid=risk-row]", (rs) => rs.map((r) => r.textContent));
  assert.ok(rows.some((r) => r.includes("CUSTOM-0001") && r.includes("MFA is not enabled") && r.includes("new")), rows.join("\n"));
  await page.click('[data-testid=risk-row]:has-text("CUSTOM-0001") >> nth=0');
  await page.waitForFunction(() => document.querySelector("[data-testid=remediation]")?.textContent.includes("Assign an MFA device"));
  await shot(page, "09-risk-detail");
  await page.context().close();
});

test("a signature whose texts hold markup is shown inert everywhere", async () => {
  const page = await newPage();
  await signIn(page, "admin", adminPassword);
  const hostile = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;
  const created = await apiAs(page, "POST", "/api/signatures", {
    description: `Hostile ${hostile}`, provider: "aws", service: "S3", riskLevel: "Low",
    passMessage: `pass ${hostile}`, failMessage: `fail ${hostile}`, pageDetail: hostile, remediationSteps: hostile,
    code: "module.exports = () => ({ statusSig: false });",
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await page.goto(base + "/#/signatures");
  await page.waitForSelector(`[data-testid=signature-row][data-id=${created.body.id}]`);
  const shown = await page.textContent(`[data-testid=signature-row][data-id=${created.body.id}]`);
  assert.ok(shown.includes(hostile), "the text is shown as typed");
  await page.goto(base + `/#/signatures/${created.body.id}`);
  await page.waitForFunction((h) => document.querySelector("[data-field=failMessage]")?.value === `fail ${h}`, hostile);
  // Its failures, after a scan, on the Risks page and in the detail.
  // The scan starts in the background: wait for more complete scans than before, and none running.
  const completed = async () => (await apiAs(page, "GET", "/api/scans")).body.items.filter((s) => s.status === "complete").length;
  const before = await completed();
  const started = await apiAs(page, "POST", "/api/scans", { accounts: "all" });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  const deadline = Date.now() + 240000;
  while ((await apiAs(page, "GET", "/api/scans/current")).body.running || (await completed()) <= before) {
    assert.ok(Date.now() < deadline, "the scan finishes within 240 s");
    await new Promise((r) => setTimeout(r, 1000));
  }
  await page.goto(base + "/#/risks?q=Hostile");
  await page.waitForSelector("[data-testid=risk-row]");
  await page.click("[data-testid=risk-row] >> nth=0");
  await page.waitForFunction((h) => document.querySelector("[data-testid=page-detail]")?.textContent === h, hostile);
  await shot(page, "10-inert-markup");
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no script ran");
  assert.equal(await page.$$eval("img[src=x], body script:not([src])", (els) => els.length), 0, "no element was injected");
  assert.equal(page.__dialogs || 0, 0);
  await page.context().close();
});

test("a viewer can read but not edit", async () => {
  const admin = await newPage();
  await signIn(admin, "admin", adminPassword);
  const added = await apiAs(admin, "POST", "/api/users", { name: "vera", role: "viewer", password: viewerPassword });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  await admin.context().close();

  const page = await newPage();
  await signIn(page, "vera", viewerPassword);
  await page.goto(base + "/#/signatures");
  await page.waitForSelector("[data-testid=signatures-table]");
  assert.equal(await page.$$("[data-testid=add-signature]").then((e) => e.length), 0, "no Add New Signature for a viewer");
  assert.equal(await page.$$("[data-testid=delete-signature]").then((e) => e.length), 0, "no Delete for a viewer");
  await page.goto(base + "/#/signatures/CUSTOM-0001");
  await page.waitForSelector(".cm-content");
  assert.ok(await page.isDisabled("[data-testid=save-button]"));
  assert.ok(await page.isDisabled("[data-testid=test-button]"));
  assert.ok(await page.isDisabled("[data-field=description]"));
  assert.equal(await page.getAttribute(".cm-content", "contenteditable"), "false");
  // And the API says no, whatever the page shows.
  const refused = await apiAs(page, "PUT", "/api/signatures/CUSTOM-0001", { description: "changed" });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error.code, "forbidden");
  await page.goto(base + "/#/scans");
  await page.waitForSelector("[data-testid=scans-table]");
  assert.ok(await page.isDisabled("[data-testid=start-scan]"));
  await shot(page, "11-viewer-read-only");
  // A viewer's Settings: their own password and tokens, none of the admin's sections.
  await page.goto(base + "/#/settings");
  await page.waitForSelector("[data-testid=password-form]");
  assert.equal(await page.$$("text=Notification channels").then((e) => e.length), 0);
  await page.fill("[data-testid=password-form] [name=currentPassword]", viewerPassword);
  await page.fill("[data-testid=password-form] [name=newPassword]", "viewer password 456");
  await page.click("[data-testid=password-form] button");
  await page.waitForSelector("text=Password changed");
  assert.equal((await apiAs(page, "GET", "/api/session")).status, 200, "still signed in after the change");
  await page.context().close();
});

test("deleting a signature asks first, and Cancel keeps it", async () => {
  const page = await newPage();
  await signIn(page, "admin", adminPassword);
  const created = await apiAs(page, "POST", "/api/signatures", {
    description: "To be deleted", provider: "aws", service: "EC2", resourceType: "securityGroup", riskLevel: "Medium",
    passMessage: "ok", failMessage: "bad", code: "module.exports = () => ({ statusSig: true });",
  });
  assert.equal(created.status, 201);
  const row = `[data-testid=signature-row][data-id=${created.body.id}]`;
  await page.goto(base + "/#/signatures");
  await page.click(`${row} [data-testid=delete-signature]`);
  await page.waitForSelector("[data-testid=confirm-dialog]");
  await shot(page, "13-delete-confirmation");
  await page.click("[data-testid=confirm-dialog] button.secondary");
  assert.equal((await apiAs(page, "GET", `/api/signatures/${created.body.id}`)).status, 200, "Cancel keeps it");
  await page.click(`${row} [data-testid=delete-signature]`);
  await page.click("[data-testid=confirm-dialog] button.danger");
  await page.waitForSelector(row, { state: "detached" });
  assert.equal((await apiAs(page, "GET", `/api/signatures/${created.body.id}`)).status, 404);
  await page.context().close();
});

test("an admin adds a webhook channel, sends a test message, and schedules scans", async () => {
  const received = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(body) });
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const page = await newPage();
    await signIn(page, "admin", adminPassword);
    await page.goto(base + "/#/settings");
    await page.waitForSelector("text=Notification channels");
    // Missing URL: refused by field.
    await page.fill("form.grid-form [data-field=name] >> nth=0", "security hook");
    await page.click("text=Add channel");
    await page.waitForFunction(() => document.querySelector("[data-field-error=url]")?.textContent.includes("required"));
    await page.fill("[data-field=url]", `http://127.0.0.1:${receiver.address().port}/hook`);
    await page.fill("[data-field=signingSecret]", "hmac secret");
    await page.selectOption("[data-field=minLevel]", "Medium");
    await page.click("text=Add channel");
    await page.waitForSelector("[data-testid=channel-row]");
    const row = await page.textContent("[data-testid=channel-row]");
    assert.ok(row.includes("security hook") && row.includes("Medium+"), row);
    assert.ok(!row.includes("/hook"), "the URL is a secret: only its host is shown");
    await page.click("[data-testid=test-channel]");
    await page.waitForSelector("[data-testid=deliveries-table] tr[data-status=sent]");
    assert.equal(received.length, 1);
    assert.equal(received[0].body.type, "signet.test");
    assert.match(received[0].headers["x-signet-signature"], /^sha256=[0-9a-f]{64}$/);
    // A schedule with a bad cron expression is refused by field; a good one is listed.
    await page.fill("[data-field=name] >> nth=1", "nightly");
    await page.fill("[data-field=cron]", "0 27 * * *");
    await page.click("text=Add schedule");
    await page.waitForFunction(() => document.querySelector("[data-field-error=cron]")?.textContent.includes("hour"));
    await page.fill("[data-field=cron]", "0 3 * * *");
    await page.click("text=Add schedule");
    await page.waitForSelector("[data-testid=schedule-row]");
    assert.match(await page.textContent("[data-testid=schedule-row]"), /nightly.*0 3 \* \* \*/);
    await shot(page, "14-settings-notifications-schedules");
    await page.context().close();
  } finally {
    receiver.close();
  }
});

test("apiCaller completions come from the AWS models", async () => {
  const page = await newPage();
  await signIn(page, "admin", adminPassword);
  await page.goto(base + "/#/signatures/new");
  await page.waitForSelector(".cm-content");
  await setCode(page, 'apiCaller({ service: "IAM", endpoint: "listMFA');
  await page.keyboard.press("Control+Space");
  await page.waitForSelector(".cm-tooltip-autocomplete");
  const options = await page.$$eval(".cm-completionLabel", (els) => els.map((e) => e.textContent));
  assert.ok(options.includes("listMFADevices"), options.join(","));
  await page.keyboard.press("Escape");
  await setCode(page, 'apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { User');
  await page.keyboard.press("Control+Space");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-completionLabel")].some((e) => e.textContent === "UserName"));
  await shot(page, "12-completions");
  // lib's members, with their parameters and one-line docs, from the library's own source.
  await page.keyboard.press("Escape");
  await setCode(page, "module.exports = async (apiCaller, resource, lib) => lib.");
  await page.keyboard.press("Control+Space");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-completionLabel")].some((e) => e.textContent === "cloudwatch"));
  const namespaces = await page.$$eval(".cm-completionLabel", (els) => els.map((e) => e.textContent));
  assert.deepEqual([...namespaces].sort(), ["arn", "azure", "cloudwatch", "entra", "gcp", "iam", "net", "s3", "time"]);
  await page.keyboard.press("Escape");
  await page.keyboard.insertText("iam.al");
  await page.keyboard.press("Control+Space");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-completionLabel")].some((e) => e.textContent === "allows"));
  const detail = await page.$$eval(".cm-tooltip-autocomplete li", (els) => els.map((e) => e.textContent).find((t) => t.startsWith("allows")));
  assert.match(detail, /allows\(doc, action, resource = "\*", context = \{\}\) -> boolean/);
  await page.waitForSelector(".cm-completionInfo");
  assert.match(await page.textContent(".cm-completionInfo"), /Allow statement matches and no Deny/);
  await shot(page, "12b-lib-completions");
  await page.context().close();
});

test("the Meta form and the completions follow the chosen provider: Azure", async () => {
  const page = await newPage();
  await signIn(page, "admin", adminPassword);
  await page.goto(base + "/#/signatures/new");
  await page.waitForSelector(".cm-content");
  await page.selectOption("select[name=provider]", "azure");
  const services = await page.$$eval("select[name=service] option", (els) => els.map((e) => e.value));
  assert.ok(services.includes("Microsoft.Storage") && !services.includes("IAM"), services.join(","));
  await page.selectOption("select[name=service]", "Microsoft.Storage");
  const types = await page.$$eval("select[name=resourceType] option", (els) => els.map((e) => e.textContent));
  assert.ok(types.includes("storageAccount (Microsoft.Storage/storageAccounts)"), types.join(","));
  await setCode(page, 'apiCaller({ service: "Microsoft.KeyV');
  await page.keyboard.press("Control+Space");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-completionLabel")].some((e) => e.textContent === "Microsoft.KeyVault"));
  await page.keyboard.press("Escape");
  await setCode(page, 'apiCaller({ service: "Microsoft.KeyVault", endpoint: "{id}/k');
  await page.keyboard.press("Control+Space");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-completionLabel")].some((e) => e.textContent === "{id}/keys"));
  // Google Cloud: its APIs (the catalog's), named as such.
  await page.keyboard.press("Escape");
  await page.selectOption("select[name=provider]", "gcp");
  await setCode(page, 'apiCaller({ service: "comp');
  await page.keyboard.press("Control+Space");
  await page.waitForFunction(() => [...document.querySelectorAll(".cm-completionLabel")].some((e) => e.textContent === "compute"));
  const detail = await page.$$eval(".cm-completionDetail", (els) => els.map((e) => e.textContent));
  assert.ok(detail.includes("Google Cloud service"), detail.join(","));
  await page.context().close();
});

test("an admin lists the demo organization's members, and adds, tests and removes an account", async () => {
  const page = await newPage();
  await signIn(page, "admin", adminPassword);
  await page.click("nav >> text=Accounts");
  await page.waitForSelector("[data-testid=organization-row][data-name=demo-org]");
  await page.click("[data-testid=organization-row][data-name=demo-org] [data-testid=show-members]");
  await page.waitForSelector("[data-testid=members-table]");
  const members = await page.$$eval("[data-testid=member-row]", (rows) => rows.map((r) => ({ management: r.dataset.management, scanned: r.dataset.scanned, text: r.textContent })));
  assert.equal(members.length, 4, JSON.stringify(members));
  assert.equal(members.filter((m) => m.management === "true").length, 1, "one management account");
  assert.ok(members.every((m) => m.scanned === "true"), "every member is scanned");
  assert.ok(members.some((m) => m.text.includes("member-2") && m.text.includes(" / ou-")), "the OU path is shown");

  // A bad role ARN is refused beside its input.
  const form = "[data-testid=account-form]";
  await page.fill(`${form} [data-field=name]`, "extra");
  await page.fill(`${form} [data-field="access.roleArn"]`, "not-an-arn");
  await page.click(`${form} button[type=submit]`);
  await page.waitForFunction(() => /role ARN/.test(document.querySelector('[data-testid=account-form] [data-field-error="access.roleArn"]')?.textContent || ""));
  await shot(page, "15-accounts-field-error");
  // Without access fields: the default credentials.
  await page.fill(`${form} [data-field="access.roleArn"]`, "");
  await page.click(`${form} button[type=submit]`);
  const row = "[data-testid=account-row][data-name=extra]";
  await page.waitForSelector(row);
  await page.click(`${row} [data-testid=test-account]`);
  await page.waitForSelector(`${row} + [data-testid=test-row] [data-testid=test-result]`);
  assert.match(await page.textContent(`${row} + [data-testid=test-row] [data-testid=test-identity]`), /^account 123456789012 as arn:aws:/);
  await shot(page, "16-accounts");
  await page.click(`${row} [data-testid=remove-account]`);
  await page.click("[data-testid=confirm-dialog] button.danger");
  await page.waitForSelector(row, { state: "detached" });
  assert.equal((await apiAs(page, "GET", "/api/accounts")).body.items.filter((a) => a.name === "extra").length, 0);

  // A Google Cloud project: no AWS access fields, its project id kept.
  await page.selectOption(`${form} [data-field=provider]`, "gcp");
  assert.equal(await page.isVisible(`${form} [data-field="access.roleArn"]`), false, "AWS's access fields hide for Google Cloud");
  await page.fill(`${form} [data-field=name]`, "gcp-prod");
  await page.fill(`${form} [data-field=accountId]`, "signet-prod");
  await page.click(`${form} button[type=submit]`);
  await page.waitForSelector("[data-testid=account-row][data-name=gcp-prod]");
  const stored = (await apiAs(page, "GET", "/api/accounts")).body.items.find((a) => a.name === "gcp-prod");
  assert.equal(stored.provider, "gcp");
  assert.equal(stored.accountId, "signet-prod");
  assert.equal(stored.access, undefined, "no access of its own");
  assert.equal(await page.isVisible(`${form} [data-field="access.roleArn"]`), true, "the form is back to AWS");
  assert.equal((await apiAs(page, "DELETE", `/api/accounts/${stored.id}`)).body.removed, stored.id, "removed again: later scans of every account do not reach for it");
  await page.context().close();
});

test("the Compliance page reads each framework from the scans, then one control by control", async () => {
  const page = await newPage();
  await signIn(page, "admin", adminPassword);
  await page.click("nav a[href='#/compliance']");
  await page.waitForSelector("[data-testid=frameworks-table] tr[data-id='CIS-AWS-3.0']");
  const ids = await page.$$eval("[data-testid=framework-row]", (rows) => rows.map((r) => r.dataset.id));
  for (const id of ["CIS-AWS-3.0", "AWS-FSBP", "PCI-DSS-4.0", "NIST-800-53-R5", "SOC2"]) assert.ok(ids.includes(id), `${id} in ${ids}`);
  assert.match(await page.$eval("[data-testid=compliance-scans]", (p) => p.textContent), /#\d+/);
  await shot(page, "compliance-frameworks");
  await page.click("[data-testid=frameworks-table] tr[data-id='CIS-AWS-3.0'] a");
  await page.waitForSelector("[data-testid=controls-table] tr[data-status]");
  assert.equal(await page.$$eval("[data-testid=control-row]", (rows) => rows.length), 62);
  const failing = await page.$$eval("[data-testid=control-row][data-status=fail]", (rows) => rows.length);
  assert.ok(failing >= 1, "the demo account fails some CIS controls");
  await page.selectOption("[data-testid=control-status]", "fail");
  assert.equal(await page.$$eval("[data-testid=control-row]", (rows) => rows.length), failing);
  // A failing control's signature leads to its risks.
  const link = await page.$eval("[data-testid=control-row][data-status=fail] a", (a) => a.getAttribute("href"));
  assert.match(link, /^#\/risks\?signature=AWS-/);
  await shot(page, "compliance-cis");
  await page.close();
});

test("the Risks page shows the estate, its overview, and one account at a time", async () => {
  const page = await newPage();
  await signIn(page, "admin", adminPassword);
  await page.waitForSelector("[data-testid=risks-table]");
  // All accounts: several accounts' risks, with an Account column.
  assert.equal(await page.$eval("[data-testid=account-filter]", (s) => s.selectedOptions[0].textContent), "All accounts");
  const header = await page.$$eval("[data-testid=risks-table] th", (ths) => ths.map((t) => t.textContent));
  assert.equal(header[0], "Account");
  const estate = new Set(await page.$$eval("[data-testid=risk-account-cell]", (cells) => cells.map((c) => c.textContent)));
  assert.ok(estate.size >= 4 && ["master", "member-1", "member-2", "member-3"].every((a) => estate.has(a)), [...estate].join(","));

  // The overview: four charts, each with an accessible name.
  await page.waitForSelector("[data-testid=chart-signatures] svg[role=img]");
  for (const chart of ["chart-trend", "chart-accounts", "chart-services", "chart-signatures"]) {
    const name = await page.$eval(`[data-testid=${chart}] svg[role=img]`, (svg) => ({ role: svg.getAttribute("role"), label: svg.getAttribute("aria-label"), title: svg.querySelector("title")?.textContent }));
    assert.equal(name.role, "img", chart);
    assert.ok(name.label && name.label === name.title, `${chart} has an accessible name: ${JSON.stringify(name)}`);
    const legend = await page.$eval(`[data-testid=${chart}] .legend`, (l) => l.textContent);
    assert.ok(["High", "Medium", "Low"].every((l) => legend.includes(l)), legend);
    assert.ok(await page.$(`[data-testid=${chart}] details.chart-data table`), `${chart} has its numbers in a table`);
  }
  const bars = await page.$$eval("[data-testid=chart-accounts] g.bar .bar-label", (els) => els.map((e) => e.textContent));
  for (const a of ["master", "member-1", "member-2", "member-3"]) assert.ok(bars.some((b) => b.startsWith(a + " (")), `${a} in ${bars}`);
  const values = await page.$$eval("[data-testid=overview] text.value", (els) => els.map((e) => e.textContent));
  assert.ok(values.length > 8 && values.every((v) => /^\d+$/.test(v)), values.join(","));
  const trend = await page.$$eval("[data-testid=chart-trend] g.trend-scan", (gs) => gs.map((g) => g.dataset.account));
  for (const a of ["master", "member-1", "member-2", "member-3"]) assert.ok(trend.includes(a), `a trend point for ${a}: ${trend}`);
  assert.deepEqual(await page.$$eval("[data-testid=chart-trend] text.series-label", (els) => els.map((e) => e.dataset.level).sort()), ["High", "Low", "Medium"]);
  const services = await page.$$eval("[data-testid=chart-services] g.bar", (gs) => gs.map((g) => g.dataset.name));
  assert.ok(services.includes("IAM") && services.includes("EC2"), services.join(","));
  assert.ok((await page.$$("[data-testid=chart-signatures] g.bar")).length >= 5);
  await page.locator("[data-testid=overview]").screenshot({ path: path.join(artifacts, "17-overview.png") });

  // One account: only its risks, no Account column, the address says which.
  const option = await page.$$eval("[data-testid=account-filter] option", (os) => os.map((o) => ({ value: o.value, text: o.textContent })).find((o) => o.text.startsWith("member-1 (")));
  assert.ok(option, "member-1 is offered as name (id)");
  await page.selectOption("[data-testid=account-filter]", option.value);
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll("[data-testid=risk-row]")];
    return rows.length > 0 && rows.every((r) => r.dataset.account === "member-1");
  });
  assert.match(await page.evaluate(() => location.hash), /[?&]account=/);
  assert.equal(await page.$$("[data-testid=risk-account-cell]").then((c) => c.length), 0, "no Account column for one account");
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=chart-accounts] g.bar")].map((g) => g.dataset.name).join() === document.querySelector("[data-testid=account-filter]").selectedOptions[0].textContent);
  assert.ok(await page.$$eval("[data-testid=chart-trend] g.trend-scan", (gs) => gs.length > 0 && gs.every((g) => g.dataset.account === "member-1")));
  await page.click("[data-testid=risk-row] >> nth=0");
  assert.equal(await page.textContent("[data-testid=risk-account]"), option.text);
  await shot(page, "18-risks-one-account");

  // A link naming the account (as notifications do) opens on it.
  await page.goto(base + "/#/risks?account=member-2");
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll("[data-testid=risk-row]")];
    return rows.length > 0 && rows.every((r) => r.dataset.account === "member-2")
      && document.querySelector("[data-testid=account-filter]")?.selectedOptions[0]?.textContent.startsWith("member-2 (");
  });
  await page.context().close();
});

// Last, as it changes the estate: a scan of master with one of its risks muted (the tests above
// count master's risks). The rule is removed at the end; master's latest scan keeps it Muted.
test("a risk is muted from its detail, a scan mutes it, Show muted says why, and a Prowler file previews its notes", async () => {
  const page = await newPage();
  await signIn(page, "admin", adminPassword);
  // The demo's master account: its bastion security group lets SSH in from anywhere, in both regions.
  const target = (await apiAs(page, "GET", "/api/risks?account=master&signature=AWS-EC2-002")).body.items.find((r) => r.region === "eu-west-1");
  assert.ok(target && target.resourceArn && target.accountId, "master fails AWS-EC2-002 in eu-west-1");
  const row = (region) => `[data-testid=risk-row][data-signature=AWS-EC2-002][data-region=${region}]`;
  await page.goto(base + "/#/risks?account=master&signature=AWS-EC2-002");
  await page.click(row("eu-west-1"));
  await page.click("[data-testid=risk-detail] [data-testid=mute-risk]");
  // The form comes filled in with the result's account id, signature and resource.
  const form = "[data-testid=mute-form]";
  await page.waitForSelector(form);
  assert.equal(await page.inputValue(`${form} [data-field="match.accounts"]`), target.accountId);
  assert.equal(await page.inputValue(`${form} [data-field="match.signatures"]`), "AWS-EC2-002");
  assert.equal(await page.inputValue(`${form} [data-field="match.resources"]`), target.resourceArn);
  // No reason: refused beside the input.
  await page.click(`${form} [data-testid=add-rule]`);
  await page.waitForFunction(() => /required/.test(document.querySelector("[data-testid=mute-form] [data-field-error=reason]")?.textContent || ""));
  const reason = "The bastion takes SSH from the contractors' changing addresses (SEC-42)";
  await page.fill(`${form} [data-field=reason]`, reason);
  await page.fill(`${form} [data-field=expires]`, "2099-12-31");
  await page.click(`${form} [data-testid=add-rule]`);
  const ruleRow = await page.waitForSelector(`[data-testid=mute-row]:has([data-testid=rule-reason]:text-is(${JSON.stringify(reason)}))`);
  const ruleId = await ruleRow.getAttribute("data-id");
  assert.match(await ruleRow.textContent(), /accounts=\d{12}; signatures=AWS-EC2-002; resources=arn:aws:ec2:eu-west-1:/);
  assert.equal(await page.textContent(`[data-testid=mute-row][data-id="${ruleId}"] [data-testid=rule-author]`), "admin");
  assert.equal(await page.inputValue(`${form} [data-field=reason]`), "", "the form is cleared once added");

  // A scan of master (its account id: the demo's selections are stored accounts, organizations, ids).
  const last = Math.max(0, ...(await apiAs(page, "GET", "/api/scans")).body.items.map((s) => s.id));
  const started = await apiAs(page, "POST", "/api/scans", { accounts: [target.accountId] });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  // Polled in the page until that scan has finished and nothing runs (a second a scan here).
  const scan = await page.evaluate(async (last) => {
    for (const deadline = Date.now() + 120000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      const [scans, current] = await Promise.all([fetch("/api/scans").then((r) => r.json()), fetch("/api/scans/current").then((r) => r.json())]);
      const mine = scans.items.find((s) => s.id > last);
      if (!current.running && mine && mine.status !== "running") return mine;
    }
    return { status: "not finished in 120 s" };
  }, last);
  assert.equal(scan.status, "complete", JSON.stringify(scan));
  assert.equal(scan.accountName, "master");

  // Gone from the risks, counted as muted; Show muted lists it, marked in words.
  await page.goto(base + "/#/risks?account=master&signature=AWS-EC2-002");
  await page.waitForFunction((id) => document.querySelector("[data-testid=risks-heading]")?.textContent.includes(`scan #${id},`), scan.id);
  await page.waitForSelector(row("us-east-1"));
  assert.equal((await page.$$(row("eu-west-1"))).length, 0, "the muted result is not a risk");
  assert.equal(await page.textContent("[data-testid=show-muted-label]"), "Show muted (1)");
  await page.check("[data-testid=show-muted]");
  const muted = await page.waitForSelector(`${row("eu-west-1")}[data-risk=muted]`);
  assert.match(await muted.textContent(), /Muted/);
  assert.equal(await page.textContent(`${row("eu-west-1")} [data-testid=muted-badge]`), "Muted");
  assert.match(await page.evaluate(() => location.hash), /[?&]muted=1/);
  await muted.click();
  await page.waitForSelector("[data-testid=risk-detail] [data-testid=muted-by]");
  assert.equal(await page.textContent("[data-testid=muted-reason]"), reason);
  assert.equal(await page.textContent("[data-testid=muted-author]"), "admin");
  assert.equal(await page.textContent("[data-testid=muted-expires]"), "2099-12-31");
  assert.equal((await page.$$("[data-testid=risk-detail] [data-testid=mute-risk]")).length, 0, "no Mute… for a Muted result");
  await shot(page, "19-risks-muted");

  // The rule: active, and it matched in that scan.
  await page.click("[data-testid=muted-rule-link]");
  const listed = `[data-testid=mute-row][data-id="${ruleId}"]`;
  await page.waitForSelector(`${listed}.highlight`);
  assert.equal(await page.getAttribute(listed, "data-state"), "active");
  assert.equal(await page.textContent(`${listed} [data-testid=rule-state]`), "Active");
  const matchedAt = await page.getAttribute(`${listed} [data-testid=rule-last-matched]`, "data-time");
  assert.ok(matchedAt && Date.parse(matchedAt) >= Date.parse(scan.startedAt) - 1000, `last matched ${matchedAt}, scan ${scan.startedAt}`);
  await page.click("[data-testid=export-yaml]");
  await page.waitForFunction((reason) => document.querySelector("[data-testid=export-text]")?.textContent.includes(reason), reason);
  // A Prowler file whose check Signet has no equivalent of: the preview says so, nothing is stored.
  await page.fill("[data-testid=import-yaml]", 'Mutelist:\n  Accounts:\n    "*":\n      Checks:\n        "no_such_check":\n          Regions: ["*"]\n          Resources: ["*"]\n');
  await page.click("[data-testid=import-preview]");
  await page.waitForSelector("[data-testid=import-note]");
  const notes = await page.$$eval("[data-testid=import-note]", (els) => els.map((e) => e.textContent));
  assert.ok(notes.some((n) => n.includes("no_such_check")), notes.join("\n"));
  await shot(page, "20-mutelist");
  assert.equal((await apiAs(page, "GET", "/api/mutelist")).body.items.length, 1, "a dry run imports nothing");

  // A viewer reads the rules, and may change none.
  assert.equal((await apiAs(page, "POST", "/api/users", { name: "milo", role: "viewer", password: viewerPassword })).status, 201);
  const viewer = await newPage();
  await signIn(viewer, "milo", viewerPassword);
  await viewer.click("nav >> text=Mutelist");
  await viewer.waitForSelector(listed);
  assert.ok(await viewer.$("[data-testid=read-only-note]"));
  assert.equal((await viewer.$$("[data-testid=mute-form], [data-testid=remove-rule], [data-testid=import-yaml]")).length, 0);
  await viewer.context().close();

  await page.click(`${listed} [data-testid=remove-rule]`);
  await page.click("[data-testid=confirm-dialog] button.danger");
  await page.waitForSelector(listed, { state: "detached" });
  assert.equal((await apiAs(page, "GET", "/api/mutelist")).body.items.length, 0);
  await page.context().close();
});
