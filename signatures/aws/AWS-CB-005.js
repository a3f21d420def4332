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

const DAY = 24 * 3600 * 1000;

// The newest build (ListBuildsForProject lists newest first; BatchGetBuilds gives its start
// time); a project never built is judged by when it was created.
module.exports = async function (apiCaller, resource) {
  const project = await projectOf(apiCaller, resource);
  const ids = await apiCaller({ service: "CodeBuild", endpoint: "listBuildsForProject", params: { projectName: resource.name, sortOrder: "DESCENDING" } });
  if (ids[0][0].error) throw new Error(ids[0][0].error.code + ": " + ids[0][0].error.message);
  let since = project.created, what = "Never built; created ";
  if (ids[0][0].apiResponse.length) {
    const builds = await apiCaller({ service: "CodeBuild", endpoint: "batchGetBuilds", params: { ids: [ids[0][0].apiResponse[0]] } });
    if (builds[0][0].error) throw new Error(builds[0][0].error.code + ": " + builds[0][0].error.message);
    const last = builds[0][0].apiResponse.builds[0];
    if (last && last.startTime) { since = last.startTime; what = "Last built "; }
  }
  const days = Math.floor((Date.now() - Date.parse(since)) / DAY);
  return days <= 90 ? { statusSig: true, statusMessage: what + days + " days ago" } : { statusSig: false, statusMessage: what + days + " days ago" };
};
