// logConfig.enable turns request logging on; sampleRate (0 to 1, default 1) is the share of requests logged.
module.exports = async function (apiCaller, resource) {
  const log = resource.data.logConfig || {};
  if (log.enable !== true) return { statusSig: false, statusMessage: "Request logging is off" };
  const rate = log.sampleRate === undefined ? 1 : Number(log.sampleRate);
  if (rate <= 0) return { statusSig: false, statusMessage: "Logging is on with a sample rate of 0: no request is logged" };
  return { statusSig: true, statusMessage: "Logging is on for " + Math.round(rate * 100) + "% of requests" };
};
