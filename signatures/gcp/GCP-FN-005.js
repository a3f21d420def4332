// Names only: the values are never read into the message. secretEnvironmentVariables (Secret Manager
// references) are fine and not looked at.
const SECRETISH = /(secret|passw(or)?d|passwd|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|auth)/i;

module.exports = async function (apiCaller, resource) {
  const fn = resource.data;
  const names = [...Object.keys(fn.environmentVariables || {}), ...Object.keys(fn.buildEnvironmentVariables || {})];
  const suspicious = names.filter((n) => SECRETISH.test(n));
  if (suspicious.length) return { statusSig: false, statusMessage: "Plain environment variable(s) named like secrets: " + suspicious.join(", ") };
  return { statusSig: true, statusMessage: names.length + " plain environment variable(s), none named like a secret" };
};
