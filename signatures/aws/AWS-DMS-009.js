module.exports = async function (apiCaller, resource) {
  const task = await described(apiCaller, resource);
  // Severities at least as detailed as the default one.
  const ENOUGH = ["LOGGER_SEVERITY_DEFAULT", "LOGGER_SEVERITY_DEBUG", "LOGGER_SEVERITY_DETAILED_DEBUG"];
  const logging = (task.ReplicationTaskSettings ? JSON.parse(task.ReplicationTaskSettings) : {}).Logging || {};
  if (!logging.EnableLogging) return { statusSig: false, statusMessage: "Task logging is off" };
  const missing = ["SOURCE_CAPTURE", "SOURCE_UNLOAD"].filter((id) => !(logging.LogComponents || []).some((c) => c.Id === id && ENOUGH.includes(c.Severity)));
  return missing.length === 0 ? { statusSig: true } : { statusSig: false, statusMessage: "Not logged at default severity: " + missing.join(", ") };
};

// The listing's item (with the catalog's detail merged) is resource.data; a hand-written
// resource without it is described first.
async function described(apiCaller, resource) {
  if (resource.data && resource.data.ReplicationTaskSettings !== undefined) return resource.data;
  const res = await apiCaller({ service: "DMS", endpoint: "describeReplicationTasks", params: { Filters: [{ Name: "replication-task-id", Values: [resource.name] }] } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse[0];
}
