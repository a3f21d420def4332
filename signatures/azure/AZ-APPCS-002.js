// disableLocalAuth: absent means false (the store's access keys work).
module.exports = async function (apiCaller, resource) {
  const disabled = (((resource.data || {}).properties || {}).disableLocalAuth) === true;
  return { statusSig: disabled, statusMessage: disabled ? "Access keys are disabled: Microsoft Entra ID only" : "Access keys are enabled" };
};
