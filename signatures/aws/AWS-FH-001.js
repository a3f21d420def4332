module.exports = async function (apiCaller, resource) {
  const delivery = await described(apiCaller, resource);
  // A stream fed by Kinesis Data Streams holds the records encrypted as the source stream does.
  if (delivery.DeliveryStreamType === "KinesisStreamAsSource") {
    const source = ((delivery.Source || {}).KinesisStreamSourceDescription || {}).KinesisStreamARN;
    if (!source) throw new Error("the source stream is not named");
    const res = await apiCaller({ service: "Kinesis", endpoint: "describeStreamSummary", params: { StreamARN: source } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    const encrypted = apiResponse.StreamDescriptionSummary.EncryptionType === "KMS";
    return { statusSig: encrypted, statusMessage: "The source stream " + source.split("/").pop() + (encrypted ? " is encrypted" : " is not encrypted") };
  }
  const encryption = delivery.DeliveryStreamEncryptionConfiguration || {};
  return encryption.Status === "ENABLED" ? { statusSig: true, statusMessage: "Key type: " + encryption.KeyType } : { statusSig: false };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.DeliveryStreamStatus !== undefined) return resource.data;
  const res = await apiCaller({ service: "Firehose", endpoint: "describeDeliveryStream", params: { DeliveryStreamName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.DeliveryStreamDescription;
}
