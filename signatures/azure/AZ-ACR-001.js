// adminUserEnabled: absent means false.
module.exports = async function (apiCaller, resource) {
  const admin = (((resource.data || {}).properties || {}).adminUserEnabled) === true;
  return { statusSig: !admin, statusMessage: admin ? "The admin user is enabled" : "The admin user is disabled" };
};
