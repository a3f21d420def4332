module.exports = async function (apiCaller, resource) {
  const log = resource.data.logging || {};
  if (!log.logBucket) return { statusSig: false, statusMessage: "No log bucket is set" };
  return { statusSig: true, statusMessage: "Logs go to gs://" + log.logBucket + (log.logObjectPrefix ? "/" + log.logObjectPrefix : "") };
};
