// CIS Google Cloud 2.2 (v4.0) / 2.3 (v5.0): a sink exports every log entry: it is not disabled,
// has no filter and no active exclusion. The project's own _Required and _Default sinks only
// route to the project's log buckets and are not exports. A sink of the project's folders or
// organization with includeChildren exports the project's entries too; they are read only when
// the project has no such sink of its own, and a level that cannot be read is named in the
// message.
const exportsAll = (s) =>
  s.disabled !== true && !String(s.filter || "").trim() && !(s.exclusions || []).some((e) => e.disabled !== true);

module.exports = async function (apiCaller, resource) {
  const call = async (service, endpoint, params, apiVersion, body) => {
    const [[{ apiResponse, error }]] = await apiCaller({ service, endpoint, params, serviceParams: body ? { apiVersion, body } : { apiVersion } });
    return { answer: apiResponse, error };
  };
  const project = resource.accountId;
  const own = await call("logging", "projects.sinks.list", { parent: "projects/" + project }, "v2");
  if (own.error) throw new Error(own.error.code + ": " + own.error.message);
  const mine = (own.answer || []).filter((s) => s.name !== "_Required" && s.name !== "_Default" && exportsAll(s));
  if (mine.length)
    return { statusSig: true, statusMessage: "Project " + project + " exports every log entry through sink(s) " + mine.map((s) => s.name + " to " + s.destination).join(", ") };

  const unread = [];
  const ancestry = await call("cloudresourcemanager", "projects.getAncestry", { projectId: project }, "v1", {});
  if (ancestry.error) unread.push("the project's ancestry (" + ancestry.error.code + ")");
  for (const a of ((ancestry.answer || {}).ancestor || [])) {
    const { type, id } = a.resourceId || {};
    if (type !== "folder" && type !== "organization") continue;
    const parent = type + "s/" + id;
    const { answer, error } = await call("logging", type + "s.sinks.list", { parent }, "v2");
    if (error) {
      unread.push(parent + " (" + error.code + ")");
      continue;
    }
    const above = (answer || []).filter((s) => s.includeChildren === true && exportsAll(s));
    if (above.length)
      return { statusSig: true, statusMessage: "Every log entry of project " + project + " is exported by sink(s) of " + parent + ": " + above.map((s) => s.name + " to " + s.destination).join(", ") };
  }
  return {
    statusSig: false,
    statusMessage: "No sink exports every log entry of project " + project + " (sinks without a filter, of the project or of a folder or organization above it with include-children)" +
      (unread.length ? "; could not read the sinks of " + unread.join(", ") : ""),
  };
};
