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

// A plaintext variable is a credential when its name is one of AWS's key variables or says
// "secret", "password" or "token", or when its value has the shape of an AWS access key ID.
const isCredential = (v) =>
  ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"].includes(v.name) ||
  /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)/i.test(v.name || "") ||
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(v.value || "");

module.exports = async function (apiCaller, resource) {
  const project = await projectOf(apiCaller, resource);
  const variables = ((project.environment || {}).environmentVariables || []).filter((v) => (v.type || "PLAINTEXT") === "PLAINTEXT");
  const found = variables.filter(isCredential).map((v) => v.name);
  return found.length ? { statusSig: false, statusMessage: "Plaintext: " + found.join(", ") } : { statusSig: true };
};
