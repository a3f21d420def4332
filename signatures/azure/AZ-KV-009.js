// A certificate's policy, read from its vault's data plane ("{id}/policy": the certificate's id
// is its URL in the vault), says for how long each version Key Vault issues or renews for it is
// valid: x509_props.validity_months (12 unless set; for an imported certificate, the months its
// own validity spans). CIS Microsoft Azure Foundations 8.3.11 wants 12 or fewer.
module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "Microsoft.KeyVault", endpoint: "{id}/policy", params: { id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const policy = apiResponse || {};
  const months = (policy.x509_props || {}).validity_months;
  if (typeof months !== "number") throw new Error("the certificate's policy gives no x509_props.validity_months");
  const issuer = (policy.issuer || {}).name ? " (issuer " + policy.issuer.name + ")" : "";
  if (months > 12)
    return { statusSig: false, statusMessage: "The certificate's policy issues it for " + months + " months, more than 12" + issuer };
  return { statusSig: true, statusMessage: "The certificate's policy issues it for " + months + " month" + (months === 1 ? "" : "s") + issuer };
};
