// resource.data is the file system as DescribeFileSystems listed it.
module.exports = async function (apiCaller, resource) {
  const fs = resource.data || {};
  if (fs.AvailabilityZoneName) return { statusSig: false, statusMessage: "One Zone, in " + fs.AvailabilityZoneName };
  return { statusSig: true, statusMessage: "Regional, " + (fs.NumberOfMountTargets || 0) + " mount target(s)" };
};
