// resource.data is the project as BatchGetProjects described it (the inventory's detail call);
// asked only when missing (e.g. a hand-written resource in `signet test`).
async function projectOf(apiCaller, resource) {
  if (resource.data && resource.data.arn) return resource.data;
  const res = await apiCaller({ service: "CodeBuild", endpoint: "batchGetProjects", params: { names: [resource.name] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  if (!apiResponse.projects.length) throw new Error("CodeBuild has no project " + resource.name);
  return apiResponse.projects[0];
}

module.exports = async function (apiCaller, resource) {
  const project = await projectOf(apiCaller, resource);
  const s3 = (project.logsConfig || {}).s3Logs || {};
  if (s3.status !== "ENABLED") return { statusSig: true, statusMessage: "No S3 logs" };
  return s3.encryptionDisabled ? { statusSig: false, statusMessage: "S3 logs to " + s3.location + " are not encrypted" } : { statusSig: true };
};
