// resource.data is the cluster as DescribeClusters gave it (the catalog's detail call, settings
// included); describe it only when the data lacks them (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let cluster = resource.data || {};
  if (!cluster.clusterArn) {
    const res = await apiCaller({ service: "ECS", endpoint: "describeClusters", params: { clusters: [resource.arn], include: ["SETTINGS"] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    cluster = apiResponse.clusters[0];
  }
  const setting = (cluster.settings || []).find((s) => s.name === "containerInsights");
  const value = setting ? setting.value : "disabled";
  return ["enabled", "enhanced"].includes(value) ? { statusSig: true, statusMessage: "Container Insights " + value } : { statusSig: false };
};
