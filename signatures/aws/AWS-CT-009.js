// resource.data is the trail as DescribeTrails listed it: without custom event selectors it
// records every management event. Otherwise GetEventSelectors says what it records.
function records(answer) {
  const classic = (answer.EventSelectors || []).some((s) => s.IncludeManagementEvents === true && s.ReadWriteType === "All");
  const advanced = (answer.AdvancedEventSelectors || []).some((s) => {
    const fields = s.FieldSelectors || [];
    const management = fields.some((f) => f.Field === "eventCategory" && (f.Equals || []).includes("Management"));
    return management && !fields.some((f) => f.Field === "readOnly");
  });
  return classic || advanced;
}

module.exports = async function (apiCaller, resource) {
  const trail = resource.data || {};
  if (trail.TrailARN && trail.HasCustomEventSelectors === false) return { statusSig: true, statusMessage: "Default selectors: every management event" };
  const res = await apiCaller({ service: "CloudTrail", endpoint: "getEventSelectors", params: { TrailName: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return records(apiResponse) ? { statusSig: true } : { statusSig: false };
};
