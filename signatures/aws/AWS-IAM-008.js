module.exports = async function (apiCaller, resource) {
  const [inline, attached] = await Promise.all([
    apiCaller({ service: "IAM", endpoint: "listUserPolicies", params: { UserName: resource.name } }),
    apiCaller({ service: "IAM", endpoint: "listAttachedUserPolicies", params: { UserName: resource.name } }),
  ]);
  for (const r of [inline[0][0], attached[0][0]]) if (r.error) throw new Error(r.error.code + ": " + r.error.message);
  const names = inline[0][0].apiResponse.concat(attached[0][0].apiResponse.map((p) => p.PolicyName));
  return names.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Attached directly: " + names.join(", ") };
};
