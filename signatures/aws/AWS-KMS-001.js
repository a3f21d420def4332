// resource.data is the key's KeyMetadata (ListKeys merged with DescribeKey); describe it only when
// the data lacks it (e.g. a hand-written resource in `signet test`). Rotation is not in it:
// GetKeyRotationStatus says.
module.exports = async function (apiCaller, resource) {
  let meta = resource.data || {};
  if (!meta.KeyManager) {
    const res = await apiCaller({ service: "KMS", endpoint: "describeKey", params: { KeyId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    meta = apiResponse.KeyMetadata;
  }
  if (meta.KeyManager === "AWS") return { statusSig: true, statusMessage: "AWS managed key: rotated by AWS" };
  if (meta.KeySpec && meta.KeySpec !== "SYMMETRIC_DEFAULT") return { statusSig: true, statusMessage: "Asymmetric key: rotation does not apply" };
  if (meta.KeyState === "PendingDeletion") return { statusSig: true, statusMessage: "Pending deletion" };
  const res = await apiCaller({ service: "KMS", endpoint: "getKeyRotationStatus", params: { KeyId: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.KeyRotationEnabled ? { statusSig: true } : { statusSig: false };
};
