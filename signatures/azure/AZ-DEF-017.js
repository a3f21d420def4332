// Defender for Cloud's recommendations about the VM's endpoint protection, by assessment key: the
// agentless "EDR solution should be installed on Virtual Machines" (06e3a6db-...), and the
// agent-based ones it replaced, still shown where those agents assess ("Endpoint protection should
// be installed on your machines", 4fb67663-...; "Install endpoint protection solution on virtual
// machines", 83f577bd-...). A VM with none of them is one Defender does not assess: a Fail.
const KEYS = ["06e3a6db-6c0c-4ad9-943f-31d9d73ecf6c", "4fb67663-9ab9-475d-b026-8c544cced439", "83f577bd-a1b6-b7e1-0891-12ca19d1e6df"];

module.exports = async function (apiCaller, resource, lib) {
  return lib.azure.assessmentVerdict(apiCaller, resource, KEYS, "the VM's endpoint protection");
};
