// Defender for Cloud's recommendations about the VM's system updates, by assessment key: "Machines
// should be configured to periodically check for missing system updates" (90386950-...), "System
// updates should be installed on your machines (powered by Azure Update Manager)" (e1145ab1-...)
// and its agent-based predecessor "System updates should be installed on your machines"
// (4ab6e3c5-...). Each one Defender has must be Healthy (or NotApplicable); none at all: a Fail.
const KEYS = ["90386950-71ca-4357-a12e-486d1679427c", "e1145ab1-eb4f-43d8-911b-36ddf771d13f", "4ab6e3c5-74dd-8b35-9ab9-f61b30875b27"];

module.exports = async function (apiCaller, resource, lib) {
  return lib.azure.assessmentVerdict(apiCaller, resource, KEYS, "the VM's system updates");
};
