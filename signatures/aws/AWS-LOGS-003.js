// The region's CloudWatch Logs resource policies (DescribeResourcePolicies, one call shared by
// every log group); a public statement concerns this group when one of its actions is allowed
// on the group's ARN (lib.iam.allows over that statement alone).
module.exports = async function (apiCaller, resource, lib) {
  const res = await apiCaller({ service: "CloudWatchLogs", endpoint: "describeResourcePolicies" });
  const { apiResponse, error } = res[0][0];
  if (error) throw new Error(error.code + ": " + error.message);
  const arn = resource.arn.replace(/:\*$/, "");
  const open = [];
  for (const p of apiResponse) {
    for (const s of lib.iam.publicStatements(p.policyDocument)) {
      const statement = { Effect: "Allow" };  // the statement without its principal and condition
      for (const key of ["Action", "NotAction", "Resource", "NotResource"]) if (s[key].length) statement[key] = s[key];
      const alone = { Version: "2012-10-17", Statement: [statement] };
      const actions = s.Action.length ? s.Action : ["logs:PutLogEvents", "logs:GetLogEvents"];
      if (actions.some((a) => lib.iam.allows(alone, a, arn) || lib.iam.allows(alone, a, arn + ":*"))) open.push(p.policyName);
    }
  }
  return open.length ? { statusSig: false, statusMessage: "Open to everyone by " + [...new Set(open)].join(", ") } : { statusSig: true };
};
