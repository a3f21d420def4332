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

// CodeBuild logs to CloudWatch Logs unless told not to: a project without logsConfig does.
module.exports = async function (apiCaller, resource) {
  const project = await projectOf(apiCaller, resource);
  const logs = project.logsConfig || {};
  const cloudWatch = (logs.cloudWatchLogs || { status: "ENABLED" }).status === "ENABLED";
  const s3 = (logs.s3Logs || {}).status === "ENABLED";
  if (cloudWatch || s3) return { statusSig: true, statusMessage: "Logs to " + [cloudWatch && "CloudWatch Logs", s3 && "S3"].filter(Boolean).join(" and ") };
  return { statusSig: false };
};
