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

// Credentials in a URL sit between the scheme and an "@": https://user:token@host/...
module.exports = async function (apiCaller, resource) {
  const project = await projectOf(apiCaller, resource);
  const sources = [project.source || {}].concat(project.secondarySources || []);
  const leaky = sources.filter((s) => /^[a-z][a-z0-9+.-]*:\/\/[^\/\s@]+@/i.test(s.location || ""));
  if (leaky.length === 0) return { statusSig: true };
  const hosts = leaky.map((s) => s.location.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^\/\s@]+@/i, "$1***@").split("/").slice(0, 3).join("/"));
  return { statusSig: false, statusMessage: "Credentials in " + hosts.join(", ") };
};
