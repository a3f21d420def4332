// One GetAlternateContact call per type; ResourceNotFoundException means that type is not set.
module.exports = async function (apiCaller) {
  const types = ["BILLING", "OPERATIONS", "SECURITY"];
  const res = await apiCaller({ service: "Account", endpoint: "getAlternateContact", params: types.map((t) => ({ AlternateContactType: t })) });
  const emails = {};
  const missing = [];
  res[0].forEach((r, i) => {
    if (r.error && r.error.code === "ResourceNotFoundException") return missing.push(types[i].toLowerCase());
    if (r.error) throw new Error(r.error.code + ": " + r.error.message + " (" + types[i] + ")");
    emails[types[i]] = String(r.apiResponse.AlternateContact.EmailAddress || "").toLowerCase();
  });
  if (missing.length) return { statusSig: false, statusMessage: "Not registered: " + missing.join(", ") };
  const distinct = new Set(Object.values(emails));
  return distinct.size === types.length ? { statusSig: true }
                                        : { statusSig: false, statusMessage: "Contacts share an email address: " + [...distinct].join(", ") };
};
