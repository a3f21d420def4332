// resource.data is the database as GetRelationalDatabases listed it.
module.exports = async function (apiCaller, resource) {
  return resource.data && resource.data.publiclyAccessible ? { statusSig: false } : { statusSig: true };
};
