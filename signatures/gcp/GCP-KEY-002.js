// CIS Google Cloud 1.13 (v4.0) / 1.14 (v5.0): the key has an application restriction
// (browser referrers, server IPs, Android or iOS apps), and it names no one as good as
// everyone: a referrer of "*" or "*.TLD" (with or without a scheme or "/*"), an IP range of the
// whole Internet or the unspecified address (0.0.0.0, ::).
const WORLD_ADDRESSES = ["0.0.0.0", "::", "::0"];

function openReferrer(referrer) {
  const host = String(referrer).trim().replace(/^[a-z]+:\/\//i, "").replace(/\/\*?$/, "");
  return host === "*" || /^\*\.[a-z0-9-]+$/i.test(host);
}

function openAddress(address, lib) {
  const a = String(address).trim();
  if (WORLD_ADDRESSES.includes(a)) return true;
  try {
    return lib.net.isWorld(a.includes("/") ? a : a + (a.includes(":") ? "/128" : "/32"));
  } catch (e) {
    return false;  // not an address Google would have accepted: it admits nobody
  }
}

module.exports = async function (apiCaller, resource, lib) {
  const key = resource.data || {};
  const label = (key.displayName ? '"' + key.displayName + '" ' : "") + "(" + resource.name + ")";
  const r = key.restrictions || {};
  const kinds = [];
  const open = [];
  if (r.browserKeyRestrictions) {
    const referrers = r.browserKeyRestrictions.allowedReferrers || [];
    kinds.push("websites " + referrers.join(", "));
    open.push(...referrers.filter(openReferrer).map((x) => "referrer " + x));
  }
  if (r.serverKeyRestrictions) {
    const ips = r.serverKeyRestrictions.allowedIps || [];
    kinds.push("server addresses " + ips.join(", "));
    open.push(...ips.filter((ip) => openAddress(ip, lib)).map((x) => "address " + x));
  }
  if (r.androidKeyRestrictions) kinds.push((r.androidKeyRestrictions.allowedApplications || []).length + " Android app(s)");
  if (r.iosKeyRestrictions) kinds.push("iOS bundles " + (r.iosKeyRestrictions.allowedBundleIds || []).join(", "));
  if (kinds.length === 0) return { statusSig: false, statusMessage: "API key " + label + " has no application restriction: it works from anywhere" };
  if (open.length > 0) return { statusSig: false, statusMessage: "API key " + label + " is open to everyone through " + open.join(", ") };
  return { statusSig: true, statusMessage: "API key " + label + " is restricted to " + kinds.join("; ") };
};
