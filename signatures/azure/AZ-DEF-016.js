// Auto provisioning of the monitoring agent (autoProvisioningSettings/default): On installs the
// agent on every new and existing VM. A setting without autoProvision was never turned on (Off).
module.exports = async function (apiCaller, resource, lib) {
  const setting = ((await lib.azure.item(apiCaller, resource)).properties || {}).autoProvision || "Off";
  return { statusSig: setting === "On", statusMessage: "Automatic provisioning of the monitoring agent is " + setting };
};
