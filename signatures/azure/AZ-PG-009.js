// backup.geoRedundantBackup: absent means Disabled (backups stay in the server's region).
module.exports = async function (apiCaller, resource) {
  const backup = (((resource.data || {}).properties || {}).backup) || {};
  const geo = backup.geoRedundantBackup || "Disabled";
  const days = backup.backupRetentionDays ? ", backups kept " + backup.backupRetentionDays + " days" : "";
  return { statusSig: geo === "Enabled", statusMessage: "Geo-redundant backup is " + geo + days };
};
