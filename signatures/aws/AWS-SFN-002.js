// resource.data is the state machine as DescribeStateMachine gave it (the catalog's detail call);
// describe it only when the data lacks it (e.g. a hand-written resource in `signet test`).
async function machineOf(apiCaller, resource) {
  if (resource.data && resource.data.roleArn) return resource.data;
  const res = await apiCaller({ service: "StepFunctions", endpoint: "describeStateMachine", params: { stateMachineArn: resource.arn } });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  return apiResponse;
}

module.exports = async function (apiCaller, resource) {
  const encryption = (await machineOf(apiCaller, resource)).encryptionConfiguration || {};
  return encryption.type === "CUSTOMER_MANAGED_KMS_KEY" ? { statusSig: true, statusMessage: "Key " + encryption.kmsKeyId } : { statusSig: false };
};
