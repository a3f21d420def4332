// What a secret looks like in a script: credentials and tokens by their shape, and values given
// to options and variables whose name says they are secret (references like {{ssm:...}} are fine).
const PATTERNS = [
  ["an AWS access key ID", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["a GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ["a Slack token", /\bxox[abpr]-[A-Za-z0-9-]{10,}/],
  ["a password or secret value", /(password|passwd|pwd|secret|token|api[_-]?key)["']?\s*[:=]\s*["']?(?!\{\{|\$)[^\s"',;{}]{6,}/i],
];

// The document's content: GetDocument (the default version).
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "SSM", endpoint: "getDocument", params: { Name: resource.name } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const content = apiResponse.Content || "";
  const found = PATTERNS.filter(([, pattern]) => pattern.test(content)).map(([what]) => what);
  return found.length ? { statusSig: false, statusMessage: "Found " + found.join(", ") } : { statusSig: true };
};
