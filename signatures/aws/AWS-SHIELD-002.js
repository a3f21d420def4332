// resource.data is the protection as ListProtections listed it, health checks included.
module.exports = async function (apiCaller, resource) {
  let protection = resource.data || {};
  if (!protection.Id) {
    const res = await apiCaller({ service: "Shield", endpoint: "describeProtection", params: { ProtectionId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    protection = apiResponse.Protection;
  }
  const checks = protection.HealthCheckIds || [];
  return checks.length ? { statusSig: true, statusMessage: checks.length + " health check(s)" } : { statusSig: false };
};
