// resource.data is the vault as ListBackupVaults listed it.
module.exports = async function (apiCaller, resource) {
  const key = (resource.data || {}).EncryptionKeyArn;
  if (!key) return { statusSig: false, statusMessage: "The vault names no encryption key" };
  const res = await apiCaller({ service: "KMS", endpoint: "describeKey", params: { KeyId: key } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.KeyMetadata.KeyManager === "CUSTOMER" ? { statusSig: true } : { statusSig: false, statusMessage: "Encrypted with the AWS managed key" };
};
