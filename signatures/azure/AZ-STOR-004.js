// publicNetworkAccess: Enabled, Disabled or SecuredByPerimeter (a network security perimeter
// decides). Absent means not disabled: the public endpoint answers, filtered only by networkAcls.
module.exports = async function (apiCaller, resource, lib) {
  const props = (await lib.azure.item(apiCaller, resource)).properties || {};
  switch (String(props.publicNetworkAccess || "").toLowerCase()) {
    case "disabled":
      return { statusSig: true, statusMessage: "Public network access is Disabled: only private endpoints reach the account" };
    case "securedbyperimeter":
      return { statusSig: true, statusMessage: "Public network access is SecuredByPerimeter: only the network security perimeter's rules admit public traffic" };
  }
  const firewall = (props.networkAcls || {}).defaultAction === "Deny" ? " (limited by its firewall rules)" : " and its firewall allows all networks";
  return {
    statusSig: false,
    statusMessage: "Public network access is " + (props.publicNetworkAccess || "not set (enabled)") + ": the account's public endpoint is reachable from the internet" + firewall,
  };
};
