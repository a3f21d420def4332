// resource.data is the image as DescribeImages listed it; describe it only when the data is not
// that listing's item (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let image = resource.data || {};
  if (!image.ImageId) {
    const res = await apiCaller({ service: "EC2", endpoint: "describeImages", params: { ImageIds: [resource.id] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    image = apiResponse.Images[0];
  }
  return image && image.Public ? { statusSig: false } : { statusSig: true };
};
