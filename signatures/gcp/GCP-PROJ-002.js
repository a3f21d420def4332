// CIS Google Cloud 1.16 (v4.0) / 1.17 (v5.0): each category CIS names (REQUIRED; ALL covers
// every one) reaches a contact of the project or of a folder or the organization above it:
// Google notifies the contacts of every level, so a project covered by its organization's
// contacts passes the same (CIS asks for them on the organization). A contact whose address
// failed validation (INVALID) reaches no one. Levels that cannot be read are named.
const REQUIRED = ["LEGAL", "SECURITY", "SUSPENSION", "TECHNICAL", "TECHNICAL_INCIDENTS"];

module.exports = async function (apiCaller, resource) {
  const call = async (service, endpoint, params, apiVersion, body) => {
    const [[{ apiResponse, error }]] = await apiCaller({ service, endpoint, params, serviceParams: body ? { apiVersion, body } : { apiVersion } });
    return { answer: apiResponse, error };
  };
  const project = resource.accountId;
  const levels = ["projects/" + project];
  const unread = [];
  const ancestry = await call("cloudresourcemanager", "projects.getAncestry", { projectId: project }, "v1", {});
  if (ancestry.error) unread.push("the project's ancestry (" + ancestry.error.code + ")");
  for (const a of ((ancestry.answer || {}).ancestor || [])) {
    const { type, id } = a.resourceId || {};
    if (type === "folder" || type === "organization") levels.push(type + "s/" + id);
  }

  const reached = {};  // category -> "email (level)"
  for (const level of levels) {
    const { answer, error } = await call("essentialcontacts", level.split("/")[0] + ".contacts.list", { parent: level }, "v1");
    if (error) {
      unread.push(level + " (" + error.code + ")");
      continue;
    }
    for (const contact of answer || []) {
      if (contact.validationState === "INVALID") continue;
      for (const category of contact.notificationCategorySubscriptions || [])
        for (const covered of category === "ALL" ? REQUIRED : [category])
          if (!reached[covered]) reached[covered] = contact.email + " (" + level + ")";
    }
  }
  const missing = REQUIRED.filter((c) => !reached[c]);
  const couldNot = unread.length ? "; could not read the contacts of " + unread.join(", ") : "";
  if (missing.length === 0)
    return { statusSig: true, statusMessage: "Project " + project + "'s notifications reach " + REQUIRED.map((c) => c + ": " + reached[c]).join(", ") + couldNot };
  return {
    statusSig: false,
    statusMessage: "No essential contact of project " + project + ", its folders or its organization receives " + missing.join(", ") + couldNot,
  };
};
