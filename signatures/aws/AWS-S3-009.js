module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "S3", endpoint: "getBucketReplication", params: { Bucket: resource.name },
                                serviceParams: { region: resource.region } });
  const { apiResponse, error } = res[0][0];
  if (error && error.code === "ReplicationConfigurationNotFoundError") return { statusSig: false };
  if (error) throw new Error(error.code + ": " + error.message);
  const destinations = (apiResponse.ReplicationConfiguration.Rules || [])
    .filter((rule) => rule.Status === "Enabled" && rule.Destination && rule.Destination.Bucket)
    .map((rule) => rule.Destination.Bucket.split(":::").pop());
  if (destinations.length === 0) return { statusSig: false, statusMessage: "No replication rule is enabled" };
  const where = await apiCaller({ service: "S3", endpoint: "getBucketLocation", params: destinations.map((b) => ({ Bucket: b })),
                                  serviceParams: { region: resource.region } });
  for (const { params, apiResponse: location, error: lookup } of where[0]) {
    if (lookup) return { statusSig: true, statusMessage: "Replicated to " + params.Bucket + " (its region cannot be read: " + lookup.code + ")" };
    const region = location.LocationConstraint === "EU" ? "eu-west-1" : location.LocationConstraint || "us-east-1";
    if (region !== resource.region) return { statusSig: true, statusMessage: "Replicated to " + params.Bucket + " in " + region };
  }
  return { statusSig: false, statusMessage: "Replication stays in " + resource.region };
};
