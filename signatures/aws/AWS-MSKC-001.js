// resource.data is the connector as ListConnectors listed it.
module.exports = async function (apiCaller, resource) {
  let connector = resource.data || {};
  if (!connector.kafkaClusterEncryptionInTransit) {
    const res = await apiCaller({ service: "KafkaConnect", endpoint: "describeConnector", params: { connectorArn: resource.arn } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    connector = apiResponse;
  }
  const type = (connector.kafkaClusterEncryptionInTransit || {}).encryptionType;
  return type === "TLS" ? { statusSig: true } : { statusSig: false, statusMessage: "Encryption in transit: " + (type || "none") };
};
