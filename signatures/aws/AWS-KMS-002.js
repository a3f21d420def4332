// resource.data is the key's KeyMetadata (ListKeys merged with DescribeKey); described only when
// missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let meta = resource.data || {};
  if (!meta.KeyState) {
    const res = await apiCaller({ service: "KMS", endpoint: "describeKey", params: { KeyId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    meta = apiResponse.KeyMetadata;
  }
  if (meta.KeyManager === "AWS") return { statusSig: true, statusMessage: "AWS managed key" };
  if (meta.KeyState === "PendingDeletion" || meta.KeyState === "PendingReplicaDeletion")
    return { statusSig: false, statusMessage: "Scheduled for deletion on " + (meta.DeletionDate || "an unknown date") };
  return { statusSig: true };
};
