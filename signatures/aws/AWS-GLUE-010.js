// resource.data is the transform as GetMLTransforms listed it.
module.exports = async function (apiCaller, resource) {
  let transform = resource.data || {};
  if (!transform.TransformId) {
    const res = await apiCaller({ service: "Glue", endpoint: "getMLTransform", params: { TransformId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    transform = apiResponse;
  }
  const mode = (((transform.TransformEncryption || {}).MlUserDataEncryption) || {}).MlUserDataEncryptionMode;
  return mode && mode !== "DISABLED" ? { statusSig: true, statusMessage: "Encrypted with " + mode } : { statusSig: false };
};
