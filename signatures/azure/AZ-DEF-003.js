// Alert email notifications, in the shapes the API versions give:
//  2020-01-01-preview: alertNotifications { state: On|Off, minimalSeverity: High|Medium|Low }
//  2023-12-01-preview: isEnabled + notificationsSources [{ sourceType: "Alert", minimalSeverity }]
//  2017-08-01-preview: alertNotifications "On"|"Off" (every severity when On)
// Any minimal severity up to High is enough: Medium and Low also send High alerts.
const SEVERITIES = ["High", "Medium", "Low"];

module.exports = async function (apiCaller, resource) {
  const props = (resource.data || {}).properties || {};
  let state, severity;
  if (Array.isArray(props.notificationsSources)) {
    const alert = props.notificationsSources.find((s) => s && s.sourceType === "Alert");
    state = props.isEnabled !== false && alert ? "On" : "Off";
    severity = alert && alert.minimalSeverity;
  } else if (typeof props.alertNotifications === "string") {
    state = props.alertNotifications;
    severity = "Low";
  } else {
    state = (props.alertNotifications || {}).state || "Off";
    severity = (props.alertNotifications || {}).minimalSeverity;
  }
  if (state !== "On") return { statusSig: false, statusMessage: "Email notification of security alerts is off" };
  if (!SEVERITIES.includes(severity)) return { statusSig: false, statusMessage: "Alert emails are on, but without a minimal severity of High or lower (" + severity + ")" };
  return { statusSig: true, statusMessage: "Alerts of severity " + severity + " and above are emailed" };
};
