// The flag is cloudsql_iam_authentication on MySQL and cloudsql.iam_authentication on PostgreSQL
// (settings.databaseFlags; off unless set).
const FLAGS = { MYSQL: "cloudsql_iam_authentication", POSTGRES: "cloudsql.iam_authentication" };

module.exports = async function (apiCaller, resource) {
  const instance = resource.data;
  const engine = Object.keys(FLAGS).find((e) => String(instance.databaseVersion || "").startsWith(e));
  if (!engine) return { statusSig: true, statusMessage: "Not a MySQL or PostgreSQL instance (" + instance.databaseVersion + "): IAM database authentication is not offered" };
  const flag = (((instance.settings || {}).databaseFlags) || []).find((f) => f.name === FLAGS[engine]);
  const on = !!flag && String(flag.value).toLowerCase() === "on";
  return { statusSig: on, statusMessage: FLAGS[engine] + " is " + (flag ? flag.value : "not set (off)") };
};
