// clientCertEnabled (absent: false) with clientCertMode Required (its default); Optional and
// OptionalInteractiveUser let clients in without a certificate.
module.exports = async function (apiCaller, resource) {
  const p = (resource.data || {}).properties || {};
  if (p.clientCertEnabled !== true) return { statusSig: false, statusMessage: "Incoming client certificates are not requested" };
  const mode = p.clientCertMode || "Required";
  if (mode !== "Required") return { statusSig: false, statusMessage: "Client certificates are " + mode + ", not required" };
  const excluded = p.clientCertExclusionPaths ? " (except paths " + p.clientCertExclusionPaths + ")" : "";
  return { statusSig: true, statusMessage: "Client certificates are required" + excluded };
};
