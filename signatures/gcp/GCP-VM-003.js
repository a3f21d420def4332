// An instance's (or a project's) metadata value for a key, or undefined; metadata booleans are
// written TRUE/true/1/yes.
const meta = (metadata, key) => {
  const item = ((metadata || {}).items || []).find((i) => i.key === key);
  return item ? String(item.value) : undefined;
};
const isOn = (value) => value !== undefined && /^(true|1|yes|y|on)$/i.test(value.trim());

module.exports = async function (apiCaller, resource) {
  const value = meta(resource.data.metadata, "block-project-ssh-keys");
  if (isOn(value)) return { statusSig: true, statusMessage: "block-project-ssh-keys is " + value };
  return { statusSig: false, statusMessage: value === undefined ? "block-project-ssh-keys is not set" : "block-project-ssh-keys is " + value };
};
