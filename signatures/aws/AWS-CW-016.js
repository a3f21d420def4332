// resource.data is the alarm as DescribeAlarms listed it (AlarmActions, ActionsEnabled);
// described only when missing (e.g. a hand-written resource in `signet test`).
module.exports = async function (apiCaller, resource) {
  let alarm = resource.data || {};
  if (!alarm.AlarmName) {
    const res = await apiCaller({ service: "CloudWatch", endpoint: "describeAlarms", params: { AlarmNames: [resource.name] } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    alarm = (apiResponse.MetricAlarms || [])[0] || {};
  }
  if (!(alarm.AlarmActions || []).length) return { statusSig: false, statusMessage: "No action for the ALARM state" };
  if (alarm.ActionsEnabled === false) return { statusSig: false, statusMessage: "The alarm's actions are disabled" };
  return { statusSig: true };
};
