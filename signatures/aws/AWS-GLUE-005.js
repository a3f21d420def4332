// Argument names that announce a secret; names of a secret's id or ARN, and values that are
// ARNs, are references, not secrets.
const SECRET_NAME = /pass(word)?|secret|token|api[-_]?key|private[-_]?key|credential/i;
const REFERENCE = /(-|_)(id|arn|name)$/i;

module.exports = async function (apiCaller, resource) {
  const job = await described(apiCaller, resource);
  const suspicious = Object.entries(job.DefaultArguments || {})
    .filter(([name, value]) => SECRET_NAME.test(name) && !REFERENCE.test(name) && !/^arn:/.test(String(value)) && String(value).length > 0)
    .map(([name]) => name);
  return suspicious.length ? { statusSig: false, statusMessage: "Looks like a secret: " + suspicious.join(", ") } : { statusSig: true };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.Command !== undefined) return resource.data;
  const res = await apiCaller({ service: "Glue", endpoint: "getJob", params: { JobName: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse.Job;
}
