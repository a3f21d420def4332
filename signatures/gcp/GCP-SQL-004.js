module.exports = async function (apiCaller, resource) {
  const instance = resource.data;
  if (instance.instanceType === "READ_REPLICA_INSTANCE") return { statusSig: true, statusMessage: "Read replica: backed up through its primary" };
  const backup = (instance.settings || {}).backupConfiguration || {};
  if (backup.enabled !== true) return { statusSig: false, statusMessage: "Automated backups are off" };
  const kept = backup.backupRetentionSettings ? ", " + backup.backupRetentionSettings.retainedBackups + " kept" : "";
  return { statusSig: true, statusMessage: "Daily backups at " + backup.startTime + kept + (backup.pointInTimeRecoveryEnabled || backup.binaryLogEnabled ? ", point-in-time recovery on" : "") };
};
