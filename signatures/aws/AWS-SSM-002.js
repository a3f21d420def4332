// The instance's patch compliance items (ListComplianceItems for this managed instance).
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "SSM", endpoint: "listComplianceItems",
                                params: { ResourceIds: [resource.id], ResourceTypes: ["ManagedInstance"],
                                          Filters: [{ Key: "ComplianceType", Values: ["Patch"], Type: "EQUAL" }] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  if (apiResponse.length === 0) return { statusSig: false, statusMessage: "No patch compliance data for the instance" };
  const failing = apiResponse.filter((item) => item.Status !== "COMPLIANT");
  if (failing.length === 0) return { statusSig: true };
  const names = failing.slice(0, 5).map((item) => item.Title || item.Id);
  return { statusSig: false, statusMessage: failing.length + " non-compliant: " + names.join(", ") + (failing.length > 5 ? ", ..." : "") };
};
