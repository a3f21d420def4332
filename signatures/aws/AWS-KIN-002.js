module.exports = async function (apiCaller, resource) {
  const stream = await described(apiCaller, resource);
  const hours = stream.RetentionPeriodHours || 24;
  return hours >= 168 ? { statusSig: true, statusMessage: "Kept " + hours + " hours" } : { statusSig: false, statusMessage: "Kept " + hours + " hours" };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.RetentionPeriodHours !== undefined) return resource.data;
  const res = await apiCaller({ service: "Kinesis", endpoint: "describeStreamSummary", params: { StreamName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.StreamDescriptionSummary;
}
