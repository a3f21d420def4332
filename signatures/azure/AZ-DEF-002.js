// Additional email addresses: a semicolon-separated list ("" or absent when none is set).
module.exports = async function (apiCaller, resource) {
  const props = (resource.data || {}).properties || {};
  const emails = String(props.emails || props.email || "").split(/[;,]/).map((e) => e.trim()).filter((e) => /.+@.+/.test(e));
  if (emails.length) return { statusSig: true, statusMessage: "Security alerts also go to " + emails.join(", ") };
  return { statusSig: false, statusMessage: "No additional email address is set for security alerts" };
};
