// GetEventSelectors says what the trail records (the listing's HasCustomEventSelectors is only a
// summary, and some emulators leave it false).
const ALL_BUCKETS = ["arn:aws:s3", "arn:aws:s3:::", "arn:aws-us-gov:s3:::", "arn:aws-cn:s3:::"];

// Classic selectors: ReadWriteType All or ReadOnly, with an S3 object resource naming every bucket.
function classic(selectors) {
  return selectors.some((s) => (s.ReadWriteType === "All" || s.ReadWriteType === "ReadOnly") &&
    (s.DataResources || []).some((r) => r.Type === "AWS::S3::Object" && (r.Values || []).some((v) => ALL_BUCKETS.includes(v))));
}

// Advanced selectors: the Data category for S3 objects, not narrowed to some buckets, and not
// narrowed to the other kind of access (readOnly = "true" or no readOnly field at all).
function advanced(selectors) {
  return selectors.some((s) => {
    const fields = s.FieldSelectors || [];
    const equals = (name, value) => fields.some((f) => f.Field === name && (f.Equals || []).includes(value));
    const narrowsBuckets = fields.some((f) => f.Field === "resources.ARN");
    const readOnly = fields.find((f) => f.Field === "readOnly");
    return equals("eventCategory", "Data") && equals("resources.type", "AWS::S3::Object") && !narrowsBuckets &&
           (!readOnly || (readOnly.Equals || []).includes("true"));
  });
}

module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "CloudTrail", endpoint: "getEventSelectors", params: { TrailName: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return classic(apiResponse.EventSelectors || []) || advanced(apiResponse.AdvancedEventSelectors || []) ? { statusSig: true } : { statusSig: false };
};
