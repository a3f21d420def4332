// resource.data is the server as DescribeServer gave it (the catalog's detail call), protocols
// included; describe it only when the data lacks them (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let server = resource.data || {};
  if (!server.Protocols) {
    const res = await apiCaller({ service: "Transfer", endpoint: "describeServer", params: { ServerId: resource.id } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    server = apiResponse.Server;
  }
  const protocols = server.Protocols || ["SFTP"];  // SFTP when not set
  return protocols.includes("FTP") ? { statusSig: false, statusMessage: "Protocols " + protocols.join(", ") } : { statusSig: true, statusMessage: "Protocols " + protocols.join(", ") };
};
