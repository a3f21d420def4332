// CIS Google Cloud 1.4 (v4.0) / 1.5 (v5.0): a service account's keys are all Google-managed
// (keyType SYSTEM_MANAGED). A USER_MANAGED key, whether Google generated it and handed out the
// private part or it was uploaded (keyOrigin USER_PROVIDED), fails; a disabled one too, as it
// can be enabled again. The keys are listed as the inventory lists them (the same call, shared).
module.exports = async function (apiCaller, resource, lib) {
  const [[{ apiResponse, error }]] = await apiCaller({
    service: "iam",
    endpoint: "projects.serviceAccounts.keys.list",
    params: { name: resource.id },
    serviceParams: { apiVersion: "v1" },
  });
  if (error) throw new Error(error.code + ": " + error.message);
  const keys = (Array.isArray(apiResponse) ? apiResponse : []).filter((k) => k.keyType === "USER_MANAGED");
  if (!keys.length) return { statusSig: true, statusMessage: "The service account " + resource.name + " has only Google-managed keys" };
  const described = keys.map((k) => {
    const id = String(k.name || "").split("/").pop();
    const age = k.validAfterTime ? ", created " + Math.floor(lib.time.daysSince(k.validAfterTime)) + " days ago" : "";
    return id + " (" + (k.keyOrigin === "USER_PROVIDED" ? "uploaded" : "downloaded") + age + (k.disabled ? ", disabled" : "") + ")";
  });
  return { statusSig: false, statusMessage: "The service account " + resource.name + " has " + keys.length + " user-managed key(s): " + described.join(", ") };
};
