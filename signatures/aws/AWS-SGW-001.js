// NFS and SMB shares are described by their own calls.
module.exports = async function (apiCaller, resource) {
  const type = (resource.data || {}).FileShareType;
  let answer;
  if (type === "SMB") {
    const res = await apiCaller({ service: "StorageGateway", endpoint: "describeSMBFileShares", params: { FileShareARNList: [resource.arn] } });
    answer = res[0][0];
    if (!answer.error) answer.share = answer.apiResponse.SMBFileShareInfoList[0];
  } else {
    const res = await apiCaller({ service: "StorageGateway", endpoint: "describeNFSFileShares", params: { FileShareARNList: [resource.arn] } });
    answer = res[0][0];
    if (!answer.error) answer.share = answer.apiResponse.NFSFileShareInfoList[0];
  }
  if (answer.error) throw new Error(answer.error.code + ": " + answer.error.message);
  const share = answer.share;
  return share.KMSEncrypted || (share.EncryptionType || "").startsWith("SseKms") ? { statusSig: true, statusMessage: "Key: " + share.KMSKey } : { statusSig: false };
};
