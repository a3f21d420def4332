// resource.data is the DescribeOrganization answer, or empty where the listing said the account
// belongs to none; asked again only when the data has no organization (the answer is shared),
// and its AWSOrganizationsNotInUseException means "no organization".
module.exports = async function (apiCaller, resource) {
  let org = resource.data && resource.data.Organization;
  if (!org) {
    const res = await apiCaller({ service: "Organizations", endpoint: "describeOrganization" });
    const { apiResponse, error } = res[0][0];
    if (error && error.code === "AWSOrganizationsNotInUseException") return { statusSig: false };
    if (error) throw new Error(error.code + ": " + error.message);
    org = apiResponse.Organization;
  }
  if (org.FeatureSet !== "ALL") return { statusSig: false, statusMessage: "Organization " + org.Id + " has consolidated billing only" };
  return { statusSig: true, statusMessage: "Member of " + org.Id + " (management account " + org.MasterAccountId + ")" };
};
