// resource.data is the workgroup as ListWorkgroups listed it.
module.exports = async function (apiCaller, resource) {
  let workgroup = resource.data || {};
  if (workgroup.publiclyAccessible === undefined) {
    const res = await apiCaller({ service: "RedshiftServerless", endpoint: "getWorkgroup", params: { workgroupName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    workgroup = apiResponse.workgroup;
  }
  return workgroup.publiclyAccessible ? { statusSig: false } : { statusSig: true };
};
