// Transparent data encryption of one database. master is a system database TDE does not
// cover (its kind says "system").
module.exports = async function (apiCaller, resource) {
  const kind = String((resource.data || {}).kind || "");
  if (resource.name === "master" || /(^|,)system(,|$)/.test(kind))
    return { statusSig: true, statusMessage: "A system database: transparent data encryption does not apply" };
  const res = await apiCaller({ service: "Microsoft.Sql", endpoint: "{id}/transparentDataEncryption/current", params: { id: resource.id } });
  const { apiResponse, error } = res[0][0];
  if (error && error.statusCode === 404) return { statusSig: false, statusMessage: "The database has no transparent data encryption setting" };
  if (error) throw new Error(error.code + ": " + error.message);
  const state = ((apiResponse || {}).properties || {}).state || "not set";
  return { statusSig: state === "Enabled", statusMessage: "Transparent data encryption is " + state };
};
