// resource.data is the account's ListReplicationSets answer (the ARNs; there is one set at most);
// asked only when missing. GetReplicationSet gives its status; ListResponsePlans the plans.
module.exports = async function (apiCaller, resource) {
  let sets = resource.data;
  if (!Array.isArray(sets)) {
    const res = await apiCaller({ service: "SSMIncidents", endpoint: "listReplicationSets" });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    sets = apiResponse;
  }
  if (sets.length === 0) return { statusSig: false, statusMessage: "No replication set: Incident Manager is not set up" };
  const set = await apiCaller({ service: "SSMIncidents", endpoint: "getReplicationSet", params: { arn: sets[0] } });
  if (set[0][0].error) throw new Error(set[0][0].error.code + ": " + set[0][0].error.message);
  const status = set[0][0].apiResponse.replicationSet.status;
  if (status !== "ACTIVE") return { statusSig: false, statusMessage: "The replication set is " + status };
  const plans = await apiCaller({ service: "SSMIncidents", endpoint: "listResponsePlans" });
  if (plans[0][0].error) throw new Error(plans[0][0].error.code + ": " + plans[0][0].error.message);
  const names = plans[0][0].apiResponse.map((p) => p.name);
  return names.length ? { statusSig: true, statusMessage: "Response plans: " + names.join(", ") } : { statusSig: false, statusMessage: "No response plan" };
};
