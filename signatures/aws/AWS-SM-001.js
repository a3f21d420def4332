// resource.data is the secret as ListSecrets listed it (RotationEnabled); described only when
// missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let secret = resource.data || {};
  if (!secret.ARN) {
    const res = await apiCaller({ service: "SecretsManager", endpoint: "describeSecret", params: { SecretId: resource.arn || resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    secret = apiResponse;
  }
  if (!secret.RotationEnabled) return { statusSig: false };
  const days = secret.RotationRules && secret.RotationRules.AutomaticallyAfterDays;
  return { statusSig: true, statusMessage: days ? "Rotates every " + days + " days" : "Rotates on a schedule" };
};
