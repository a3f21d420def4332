// GetEventSelectors says what the trail records (the listing's HasCustomEventSelectors is only a
// summary, and some emulators leave it false).
function records(answer) {
  // No selector at all is a trail's default: every management event.
  if (!(answer.EventSelectors || []).length && !(answer.AdvancedEventSelectors || []).length) return true;
  const classic = (answer.EventSelectors || []).some((s) => s.IncludeManagementEvents === true && s.ReadWriteType === "All");
  const advanced = (answer.AdvancedEventSelectors || []).some((s) => {
    const fields = s.FieldSelectors || [];
    const management = fields.some((f) => f.Field === "eventCategory" && (f.Equals || []).includes("Management"));
    return management && !fields.some((f) => f.Field === "readOnly");
  });
  return classic || advanced;
}

module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "CloudTrail", endpoint: "getEventSelectors", params: { TrailName: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return records(apiResponse) ? { statusSig: true } : { statusSig: false };
};
