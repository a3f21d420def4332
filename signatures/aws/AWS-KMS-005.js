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
  if (!meta.MultiRegion) return { statusSig: true };
  const config = meta.MultiRegionConfiguration || {};
  const regions = [config.PrimaryKey].concat(config.ReplicaKeys || []).filter(Boolean).map((k) => k.Region);
  return { statusSig: false, statusMessage: "Multi-region key" + (regions.length ? " in " + regions.join(", ") : "") };
};
