// resource.data is the region's GetSnapshotBlockPublicAccessState answer; ask only when the data does
// not say (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let state = resource.data && resource.data.State;
  if (!state) {
    const res = await apiCaller({ service: "EC2", endpoint: "getSnapshotBlockPublicAccessState" });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    state = apiResponse.State;
  }
  return state === "block-all-sharing" ? { statusSig: true } : { statusSig: false, statusMessage: "State is " + state };
};
