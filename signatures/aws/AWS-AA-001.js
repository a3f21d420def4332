// resource.data is the region's ListAnalyzers answer (the analyzers); asked only when missing.
// External access analyzers count (ACCOUNT or ORGANIZATION); unused-access analyzers do not
// report sharing.
module.exports = async function (apiCaller, resource) {
  let analyzers = resource.data;
  if (!Array.isArray(analyzers)) {
    const res = await apiCaller({ service: "AccessAnalyzer", endpoint: "listAnalyzers" });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    analyzers = apiResponse;
  }
  const external = analyzers.filter((a) => a.type === "ACCOUNT" || a.type === "ORGANIZATION");
  const active = external.filter((a) => a.status === "ACTIVE");
  if (active.length) return { statusSig: true, statusMessage: "Active analyzer(s): " + active.map((a) => a.name).join(", ") };
  if (external.length) return { statusSig: false, statusMessage: "Analyzer(s) not active: " + external.map((a) => a.name + " (" + a.status + ")").join(", ") };
  return { statusSig: false };
};
