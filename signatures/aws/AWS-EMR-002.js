// resource.data is the region's GetBlockPublicAccessConfiguration answer (one resource per region).
module.exports = async function (apiCaller, resource) {
  let answer = resource.data;
  if (!answer || !answer.BlockPublicAccessConfiguration) {
    const res = await apiCaller({ service: "EMR", endpoint: "getBlockPublicAccessConfiguration", params: {}, serviceParams: { region: resource.region } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    answer = apiResponse;
  }
  const config = answer.BlockPublicAccessConfiguration || {};
  if (!config.BlockPublicSecurityGroupRules) return { statusSig: false };
  const open = (config.PermittedPublicSecurityGroupRuleRanges || []).map((r) => r.MinRange === r.MaxRange ? String(r.MinRange) : r.MinRange + "-" + r.MaxRange);
  return { statusSig: true, statusMessage: open.length ? "On, with port(s) " + open.join(", ") + " allowed" : "On, with no port exception" };
};
