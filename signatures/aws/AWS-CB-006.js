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

const REPOSITORIES = ["CODECOMMIT", "GITHUB", "GITHUB_ENTERPRISE", "BITBUCKET", "GITLAB", "GITLAB_SELF_MANAGED"];

// The primary source's buildspec: empty means buildspec.yml from the source, a relative path
// names a file in the source; an inline YAML body or an S3 ARN is not the repository's to change.
module.exports = async function (apiCaller, resource) {
  const project = await projectOf(apiCaller, resource);
  const source = project.source || {};
  if (!REPOSITORIES.includes(source.type)) return { statusSig: true, statusMessage: "Source type " + source.type };
  const buildspec = (source.buildspec || "").trim();
  if (/^arn:[^:]+:s3:::/.test(buildspec)) return { statusSig: true, statusMessage: "Buildspec from " + buildspec };
  if (/\n/.test(buildspec) || /^version\s*:/.test(buildspec)) return { statusSig: true, statusMessage: "Inline buildspec" };
  return { statusSig: false, statusMessage: "Buildspec " + (buildspec || "buildspec.yml") + " comes from the " + source.type + " repository" };
};
