// disableLocalAuth: absent means false (the account's API keys work).
module.exports = async function (apiCaller, resource) {
  const disabled = (((resource.data || {}).properties || {}).disableLocalAuth) === true;
  return { statusSig: disabled, statusMessage: disabled ? "Key authentication is disabled: Microsoft Entra ID only" : "Key authentication is enabled" };
};
